"""Name pools for the synthetic corpus: countries, invented persons' name parts, outlets, venues.

Countries are facts (ISO 3166-1 codes, names, capitals, demonyms).  Everything about
people and outlets is invented here: no real person, outlet or article is named, so a
figure measured on this corpus never depends on anything outside the repository.
"""

from __future__ import annotations

#: alpha-3 | short name | adjective (demonym) | capital.  The states a story can be set in;
#: ordered roughly by how often they appear in diplomatic news, which the generator turns
#: into a Zipf-like weight.
HOST_COUNTRIES = """\
USA|the United States|American|Washington
CHN|China|Chinese|Beijing
RUS|Russia|Russian|Moscow
IND|India|Indian|New Delhi
GBR|the United Kingdom|British|London
FRA|France|French|Paris
DEU|Germany|German|Berlin
JPN|Japan|Japanese|Tokyo
TUR|Turkey|Turkish|Ankara
IRN|Iran|Iranian|Tehran
SAU|Saudi Arabia|Saudi|Riyadh
BRA|Brazil|Brazilian|Brasilia
KOR|South Korea|South Korean|Seoul
PAK|Pakistan|Pakistani|Islamabad
EGY|Egypt|Egyptian|Cairo
ITA|Italy|Italian|Rome
UKR|Ukraine|Ukrainian|Kyiv
ISR|Israel|Israeli|Jerusalem
ARE|the United Arab Emirates|Emirati|Abu Dhabi
IDN|Indonesia|Indonesian|Jakarta
ZAF|South Africa|South African|Pretoria
MEX|Mexico|Mexican|Mexico City
CAN|Canada|Canadian|Ottawa
AUS|Australia|Australian|Canberra
ESP|Spain|Spanish|Madrid
NGA|Nigeria|Nigerian|Abuja
VNM|Vietnam|Vietnamese|Hanoi
KAZ|Kazakhstan|Kazakh|Astana
QAT|Qatar|Qatari|Doha
ARG|Argentina|Argentine|Buenos Aires
POL|Poland|Polish|Warsaw
ETH|Ethiopia|Ethiopian|Addis Ababa
KEN|Kenya|Kenyan|Nairobi
THA|Thailand|Thai|Bangkok
MYS|Malaysia|Malaysian|Kuala Lumpur
PHL|the Philippines|Philippine|Manila
SGP|Singapore|Singaporean|Singapore
IRQ|Iraq|Iraqi|Baghdad
SYR|Syria|Syrian|Damascus
JOR|Jordan|Jordanian|Amman
UZB|Uzbekistan|Uzbek|Tashkent
AZE|Azerbaijan|Azerbaijani|Baku
ARM|Armenia|Armenian|Yerevan
GEO|Georgia|Georgian|Tbilisi
SRB|Serbia|Serbian|Belgrade
GRC|Greece|Greek|Athens
NLD|the Netherlands|Dutch|Amsterdam
BEL|Belgium|Belgian|Brussels
SWE|Sweden|Swedish|Stockholm
NOR|Norway|Norwegian|Oslo
FIN|Finland|Finnish|Helsinki
DNK|Denmark|Danish|Copenhagen
AUT|Austria|Austrian|Vienna
CHE|Switzerland|Swiss|Bern
PRT|Portugal|Portuguese|Lisbon
HUN|Hungary|Hungarian|Budapest
CZE|the Czech Republic|Czech|Prague
ROU|Romania|Romanian|Bucharest
BGR|Bulgaria|Bulgarian|Sofia
CUB|Cuba|Cuban|Havana
COL|Colombia|Colombian|Bogota
CHL|Chile|Chilean|Santiago
PER|Peru|Peruvian|Lima
VEN|Venezuela|Venezuelan|Caracas
MAR|Morocco|Moroccan|Rabat
DZA|Algeria|Algerian|Algiers
TUN|Tunisia|Tunisian|Tunis
LBY|Libya|Libyan|Tripoli
SDN|Sudan|Sudanese|Khartoum
GHA|Ghana|Ghanaian|Accra
SEN|Senegal|Senegalese|Dakar
TZA|Tanzania|Tanzanian|Dodoma
UGA|Uganda|Ugandan|Kampala
RWA|Rwanda|Rwandan|Kigali
AGO|Angola|Angolan|Luanda
MOZ|Mozambique|Mozambican|Maputo
ZMB|Zambia|Zambian|Lusaka
ZWE|Zimbabwe|Zimbabwean|Harare
BGD|Bangladesh|Bangladeshi|Dhaka
LKA|Sri Lanka|Sri Lankan|Colombo
NPL|Nepal|Nepalese|Kathmandu
AFG|Afghanistan|Afghan|Kabul
MNG|Mongolia|Mongolian|Ulaanbaatar
KGZ|Kyrgyzstan|Kyrgyz|Bishkek
TJK|Tajikistan|Tajik|Dushanbe
TKM|Turkmenistan|Turkmen|Ashgabat
KHM|Cambodia|Cambodian|Phnom Penh
LAO|Laos|Lao|Vientiane
MMR|Myanmar|Myanmar|Naypyidaw
NZL|New Zealand|New Zealand|Wellington
IRL|Ireland|Irish|Dublin
OMN|Oman|Omani|Muscat
KWT|Kuwait|Kuwaiti|Kuwait City
BHR|Bahrain|Bahraini|Manama
LBN|Lebanon|Lebanese|Beirut
YEM|Yemen|Yemeni|Sanaa
ERI|Eritrea|Eritrean|Asmara
SOM|Somalia|Somali|Mogadishu
CIV|Côte d'Ivoire|Ivorian|Yamoussoukro
CMR|Cameroon|Cameroonian|Yaounde
BLR|Belarus|Belarusian|Minsk
HRV|Croatia|Croatian|Zagreb
SVK|Slovakia|Slovak|Bratislava
SVN|Slovenia|Slovenian|Ljubljana
LTU|Lithuania|Lithuanian|Vilnius
LVA|Latvia|Latvian|Riga
EST|Estonia|Estonian|Tallinn
ECU|Ecuador|Ecuadorian|Quito
BOL|Bolivia|Bolivian|La Paz
URY|Uruguay|Uruguayan|Montevideo
PRY|Paraguay|Paraguayan|Asuncion
PAN|Panama|Panamanian|Panama City
"""

#: Sovereign states the generator may mention only by name ("the Foreign Minister of
#: Fiji"); together with the hosts they make up the ISO 3166-1 member states.  Read from
#: pycountry at run time so the names are ISO's; these are the codes that are *not*
#: states and must be left out (dependent territories and special areas).
NON_STATES = frozenset(
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL "
    "GUF GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN "
    "SJM SPM SXM TCA TKL TWN UMI VAT VGB VIR WLF".split()
)

#: Invented given names and surname syllables.  Surnames are built from syllables so a
#: few thousand distinct, pronounceable names exist without borrowing real people's.
GIVEN_NAMES = (
    "Adrian Alina Amar Anika Arman Aurelio Bashir Beatriz Bruno Camila Cedric Dalia Darius Delphine "
    "Dmitar Edvin Elif Elena Emeka Esther Farid Felipe Freya Gideon Hana Hamid Helena Ilya Imani "
    "Ingrid Isidro Jana Javier Joaquim Jonas Kaveh Kemal Keiko Kiran Lars Laila Leontine Linnea "
    "Lucio Madina Malik Marek Mariam Mateus Mirela Nadia Nasser Nikolai Noor Odile Oksana Omar "
    "Pavel Priya Rafael Rania Rashid Renata Ruslan Samira Santiago Selma Soren Sunil Tamar Teodor "
    "Tomas Ulla Valentin Vera Viktor Yara Yusuf Zainab Zoran Aziz Bogdan Chiara Dario Elsa Goran"
).split()
SURNAME_ONSETS = "B D K L M N P R S T V Br Dr Gr Kr Tr Ch Sh Z H Al El Or".split()
SURNAME_VOWELS = "a e i o u ai ei ou".split()
SURNAME_MIDDLES = "l n r s t v m k d nd rt st lv".split()
SURNAME_ENDINGS = "an ev ova ani esco ides ak ovic enko ura is ez ard sson ala ier ou".split()

#: Roles by rank within a country's cast: the first person of a country is its head of
#: state, and so on.  Later ranks cycle through ministers and envoys.
LEADER_ROLES = ("President", "Prime Minister", "Foreign Minister")
OTHER_ROLES = (
    "Minister of Trade",
    "Defence Minister",
    "Minister of Energy",
    "Finance Minister",
    "Ambassador",
    "Vice President",
    "Minister of Education",
    "Special Envoy",
    "Interior Minister",
    "Minister of Health",
)

#: Invented international organisations (name, acronym).
ORGANIZATIONS = (
    ("Council of Coastal States", "CCS"),
    ("Northern Trade Community", "NTC"),
    ("Union of Highland Nations", "UHN"),
    ("Southern Development Forum", "SDF"),
    ("Continental Energy Agency", "CEA"),
    ("Organisation for River Basin Cooperation", "ORBC"),
    ("Eastern Security Conference", "ESC"),
    ("Federation of Island Republics", "FIR"),
    ("Inter-Regional Health Alliance", "IRHA"),
    ("Global Grain Council", "GGC"),
    ("Association of Desert Economies", "ADE"),
    ("Pacific Rim Dialogue", "PRD"),
)

#: Invented outlets: (name, agency credit, page style).  The style picks a page template.
OUTLETS = (
    ("Meridian Wire", "Meridian Wire", "wire"),
    ("The Harbour Courier", "Harbour Courier", "newspaper"),
    ("Lantern News Agency", "LNA", "readout"),
    ("Ministry Press Office", "Ministry of Foreign Affairs", "press"),
    ("The Plateau Times", "Plateau Times", "newspaper"),
    ("Crossroads Daily", "Crossroads Daily", "portal"),
    ("Equator Press Service", "EPS", "wire"),
    ("Northstar Bulletin", "Northstar Bulletin", "readout"),
    ("Office of the Head of Government", "Government Information Office", "press"),
    ("The Riverside Gazette", "Riverside Gazette", "portal"),
)

VENUES = (
    "the Presidential Palace",
    "Government House",
    "the State Guest House",
    "the Ministry of Foreign Affairs",
    "the Palace of Nations",
    "the Congress Centre",
    "the Grand Reception Hall",
    "the Residence of the Prime Minister",
)

TOPICS = (
    "trade and investment",
    "energy security",
    "climate change",
    "regional security",
    "education and research",
    "public health",
    "infrastructure and transport",
    "agriculture and food security",
    "the digital economy",
    "tourism and culture",
    "water management",
    "counter-terrorism",
    "maritime cooperation",
    "customs and border management",
)

AGREEMENT_FORMS = (
    "Memorandum of Understanding on Cooperation in {topic}",
    "Agreement on {topic_title}",
    "Joint Action Plan on {topic_title}",
    "Protocol on {topic_title}",
    "Framework Agreement on Cooperation in {topic}",
    "Treaty of Friendship and Cooperation",
)

SECTIONS = ("World", "Politics", "Diplomacy", "International", "Region", "Top News")

STAFF_NAMES = (
    "Mara Okafor",
    "Lin Tavares",
    "Jon Esterhuis",
    "Sofia Marchetti",
    "Pim Verhoven",
    "Ayla Korkmaz",
    "Dev Raman",
    "Greta Lindqvist",
    "Tariq Haddad",
    "Ines Carvalho",
    "Wen Sorensen",
    "Luca Brandt",
)
