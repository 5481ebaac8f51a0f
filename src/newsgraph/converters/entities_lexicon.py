"""Closed word lists the person and organisation rules rely on.

These are general English news vocabulary (titles, honorifics, words that start
institution names), not names from any corpus.
"""

from __future__ import annotations

#: Words that end or make up a title before or after a name.
ROLE_HEADS = {
    "President", "President-elect", "President-designate", "Vice-President", "Premier", "Chancellor",
    "Minister", "Minister-designate", "Secretary", "Secretary-General", "Under-Secretary-General",
    "Secretary-general", "King", "Queen", "Emperor", "Empress", "Prince", "Princess", "Emir", "Amir",
    "Sultan", "Governor", "Governor-General", "Mayor", "Ambassador", "Envoy", "Commissioner",
    "Representative", "Chairperson", "Chairman", "Chairwoman", "Chair", "Chief", "Director",
    "Director-General", "Spokesperson", "Spokesman", "Spokeswoman", "Adviser", "Advisor",
    "Counsellor", "Counselor", "General", "Admiral", "Marshal", "Colonel", "Leader", "Commander",
    "Speaker", "Senator", "Pope", "Patriarch", "Cardinal", "Archbishop", "Ayatollah", "CEO",
    "Head", "Mediator", "Negotiator", "Lady", "Justice", "Judge", "Rapporteur", "Coordinator",
    "Crown", "Deputy", "Vice", "Attorney", "Lawmaker", "MP", "Congressman", "Congresswoman",
    "Councillor", "Delegate", "Officer", "Official", "Diplomat", "Monarch", "Sheikha",
    "Taoiseach", "Tánaiste", "Chancellor-designate", "Premier-designate", "Captain", "Lieutenant",
    "Major", "Sergeant", "Commandant", "Prefect", "Superintendent", "Executive",
}
#: Lower-case heads ("FARC leader", "UN mediator", "Saudi Shia cleric", "first lady").
ROLE_HEADS_LOWER = {
    "president", "president-elect", "premier", "chancellor", "minister", "secretary", "leader",
    "commander", "chief", "mediator", "negotiator", "envoy", "spokesperson", "spokesman",
    "spokeswoman", "cleric", "lady", "adviser", "advisor", "official", "ambassador", "diplomat",
    "commissioner", "chairman", "chairwoman", "chairperson", "director", "head", "governor",
    "mayor", "king", "queen", "prince", "emir", "general", "counterpart", "sister", "brother",
    "wife", "husband", "son", "daughter", "father", "mother", "widow", "nephew", "niece",
    "cousin", "representative", "coordinator", "rapporteur", "dissident", "activist", "lawyer",
    "journalist", "scholar", "economist", "analyst", "strongman", "warlord", "militant",
    "colonel", "captain", "judge", "prosecutor", "senator", "lawmaker", "deputy", "opposition",
    "executive", "ceo", "founder", "chairman", "player", "coach", "singer", "actor", "businessman",
    "tycoon", "billionaire", "king", "ruler", "monarch", "successor", "predecessor", "aide",
    "negotiators", "presidents", "ministers", "leaders", "premiers", "secretaries", "advisers",
    "advisors", "envoys", "officials", "commanders", "chiefs", "counterparts", "sisters",
}
#: Heads that take a plural and coordinate names: "Prime Ministers A and B".
PLURAL_HEADS = {
    "Presidents", "Ministers", "Premiers", "Leaders", "Chancellors", "Kings", "Secretaries",
    "Envoys", "Commissioners", "presidents", "ministers", "leaders", "premiers", "secretaries",
    "advisers", "advisors", "envoys", "officials", "commanders", "chiefs", "counterparts",
    "negotiators", "diplomats", "ambassadors",
}
#: Words that may stand before a head inside a title ("Foreign Minister", "Deputy Prime Minister").
ROLE_MODIFIERS_LOWER = {
    "foreign", "policy", "defence", "defense", "security", "national", "senior", "deputy", "vice",
    "first", "former", "trade", "finance", "interior", "home", "justice", "economy", "chief",
    "prime", "supreme", "top", "military", "rebel", "opposition", "party", "army", "state",
    "government", "shia", "sunni", "muslim", "catholic", "religious", "spiritual", "de", "facto",
    "acting", "interim", "outgoing", "incoming", "late", "then", "current", "younger", "elder",
    "older", "eldest", "youngest", "exiled", "jailed", "veteran", "special", "permanent",
    "executive", "general", "assistant", "associate", "regional", "provincial", "federal",
    "presidential", "press", "communications", "intelligence", "foreign-policy", "human", "rights",
    "climate", "energy", "oil", "health", "education", "agriculture", "transport", "culture",
    "industry", "commerce", "economic", "science", "labour", "labor", "tourism", "information",
    "media", "development", "cooperation", "affairs", "external", "internal", "public", "works",
    "his", "her", "their",
}
#: Honorifics and styles dropped from a name ("H.E. Mr.", "Sheikh", "Dr.").
HONORIFICS = {
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "H.E.", "HE", "H.H.",
    "HRH", "H.R.H.", "His", "Her", "Excellency", "Highness", "Royal", "Majesty", "Sheikh",
    "Sheikha", "Shri", "Sri", "Smt", "Smt.", "Sir", "Dame", "Lord", "Lady", "Tun", "Datuk", "Dato",
    "Dato'", "Tan", "Pak", "Bapak", "Ibu", "Rev.", "Reverend", "Imam", "Mullah", "Hon.",
    "Honourable", "Honorable", "Madam", "Madame", "Monsieur", "Senhor", "Señor", "Herr", "Frau",
    "Comrade", "Mister", "Eng.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Adm.", "Sen.", "Rep.",
    "Gov.", "Amb.", "Pres.", "Sayyid", "Sayed", "Hajji", "Haji", "Begum", "Ustaz", "Datin",
}
#: Small words inside Arabic, Iberian, Dutch and German names.
PARTICLES = {
    "bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "del", "della", "van", "von",
    "der", "den", "la", "le", "du", "di", "y", "ben", "Al", "El", "Ould", "ould",
    "Bin", "Ibn", "ter", "zu", "af", "e",
}
#: Capitalised words that never belong to a personal name in news text.
NON_NAME = {
    "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "For", "From", "With",
    "By", "Of", "And", "But", "Or", "As", "After", "Before", "During", "Since", "Under", "Over",
    "While", "When", "Where", "Why", "How", "What", "Who", "Which", "It", "Its", "He", "She", "They",
    "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "Both", "All", "Each", "Some",
    "Many", "Most", "Several", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    "First", "Second", "Third", "Last", "Next", "New", "Old", "Other", "Such", "No", "Not", "Yes",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Palace", "House", "Hall", "Office", "Centre", "Center", "Airport", "Square",
    "Street", "Road", "Avenue", "Lake", "River", "Sea", "Ocean", "Bay", "Gulf", "Island", "Islands",
    "Province", "Region", "District", "City", "Town", "Village", "County", "Mountain", "Mountains",
    "Valley", "Peninsula", "Strait", "Canal", "Park", "Bridge", "Tower", "Building", "Hotel",
    "Stadium", "Museum", "Theatre", "Theater", "Church", "Mosque", "Temple", "Cathedral",
    "University", "College", "School", "Institute", "Academy", "Ministry", "Department", "Council",
    "Commission", "Committee", "Assembly", "Parliament", "Congress", "Senate", "Cabinet", "Court",
    "Government", "Administration", "Agency", "Authority", "Bureau", "Service", "Services", "Bank",
    "Fund", "Forum", "Foundation", "Organisation", "Organization", "Union", "League", "Party",
    "Front", "Movement", "Army", "Forces", "Force", "Navy", "Guard", "Police", "Company",
    "Corporation", "Group", "Holdings", "Inc", "Ltd", "Airlines", "Airways", "News", "Press",
    "Times", "Post", "Daily", "Weekly", "Review", "Herald", "Journal", "Agreement", "Treaty",
    "Accord", "Accords", "Declaration", "Convention", "Protocol", "Charter", "Pact", "Initiative",
    "Statement", "Memorandum", "Plan", "Strategy", "Vision", "Partnership", "Summit", "Meeting",
    "Conference", "Talks", "Dialogue", "Games", "Olympic", "Olympics", "Cup", "War", "Revolution",
    "Day", "Year", "Week", "Peace", "Joint", "Comprehensive", "Economic", "Strategic", "Free",
    "Trade", "Area", "Zone", "Belt", "Workshop", "Photo", "Photos", "Video", "Editor", "Reporter",
    "Source", "Release", "Date", "Updated", "Published", "Tags", "Keywords", "Related", "Home",
    "Share", "Print", "Email", "Contact", "About", "Terms", "Privacy", "Copyright", "Subscribe",
    "Login", "Sitemap", "Archives", "Opinion", "Politics", "World", "Business", "Economy",
    "National", "International", "Federal", "Central", "Supreme", "State", "States", "Republic",
    "Kingdom", "Federation", "Emirates", "Nations", "United", "European", "African", "Asian",
    "Arab", "Western", "Eastern", "Northern", "Southern", "North", "South", "East", "West",
    "Middle", "Horn", "Black", "Red", "White", "Oval", "Prime", "Foreign", "Deputy", "Vice",
    "Crown", "Chief", "Secretary", "Minister", "President", "Premier", "Chancellor", "King",
    "Queen", "Prince", "Leader", "Covid", "COVID-19", "Twitter", "Facebook", "WhatsApp",
    "Instagram", "YouTube", "Google", "Internet", "Security", "Defence", "Defense", "Affairs",
    "Cooperation", "Development", "Relations", "Human", "Rights", "Law", "Justice", "Health",
    "Education", "Energy", "Finance", "Interior", "Industry", "Technology", "Science", "Culture",
    "Transport", "Transportation", "Agriculture", "Commerce", "Information", "Infrastructure",
    "Communications", "Environment", "Tourism", "Labour", "Labor", "Home", "Climate", "Change",
    "Lawn", "Gate", "Hill", "Fort", "Port", "Base", "Line", "Border", "Crossing", "Corridor",
    "Highway", "Railway", "Station", "Terminal", "Embassy", "Consulate", "Mission", "Residence",
    "Pavilion", "Villa", "Castle", "Fortress", "Garden", "Gardens", "Plaza", "Complex",
    "Convention", "Exhibition", "Expo", "Festival", "Ceremony", "Celebrations", "Prize", "Award",
    "Order", "Medal", "Honour", "Honor", "Guest", "Readout", "Press", "Release", "Breaking",
    "Update", "Live", "Analysis", "Feature", "Editorial", "Exclusive", "Watch", "Listen", "More",
    "Read", "See", "Also", "Top", "Stories", "Story", "Latest", "Most", "Popular", "Trending",
    "Advertisement", "Sponsored", "Registration", "Operated", "Contact", "Advertise", "Page",
    "Back", "Japanese", "Chinese", "English", "French", "Spanish", "Arabic", "Russian",
    "Shia", "Sunni", "Muslim", "Muslims", "Christian", "Christians", "Islamic", "Catholic",
    "Communist", "Socialist", "Democratic", "Liberal", "Conservative", "Labour", "Green",
    "Unification", "Prosperity", "Friendship", "Integration", "Normalization", "Normalisation",
    "Lasting", "Stable", "Final", "Interim", "Armed", "Conflict", "Resolution", "Resolutions",
    "Settlement", "Termination", "Establishment", "Differences", "Parties", "Transportation",
    "Foodstuffs", "Grain", "Ports", "Region", "Flight", "Information", "Demarcation", "Military",
    "Holy", "Mosques", "Two", "Custodian", "Heads", "Head", "State", "Presidency", "Leaders",
    "Retreat", "Ministers", "Presidents", "Officials", "Sides", "Countries", "Governments",
    "Bintan", "Riau", "Lahore", "Monsoon", "Spring", "Summer", "Autumn", "Winter", "Fall",
    "Christmas", "Easter", "Ramadan", "Eid", "Bastille", "Independence", "Victory", "Liberation",
    "Mr", "Mrs", "Ms", "Dr", "External", "Internal", "Homeland", "Overseas", "Public", "Works", "Trade",
    "Investment", "Planning", "Budget", "Treasury", "Welfare", "Social", "Family", "Women", "Youth", "Sports",
    "Sport", "Water", "Resources", "Mines", "Mining", "Petroleum", "Oil", "Gas", "Power", "Electricity",
    "Fisheries", "Forestry", "Land", "Housing", "Urban", "Rural", "Digital", "Telecommunications", "Railways",
    "Aviation", "Maritime", "Veterans", "Emergency", "Disaster", "Management", "Advanced", "Knowledge",
}
#: Words that end an organisation name ("... Cooperation Organisation", "Bank of ...").
ORG_HEADS = {
    "Organisation", "Organization", "Union", "Council", "Commission", "Committee", "Bank", "Fund",
    "Forum", "Institute", "Agency", "Corporation", "Company", "Authority", "Association",
    "Federation", "Party", "Front", "Movement", "Assembly", "Parliament", "Congress", "Court",
    "Tribunal", "Secretariat", "Office", "Ministry", "Department", "University", "College",
    "Academy", "Foundation", "Group", "Alliance", "League", "Community", "Conference", "Bureau",
    "Service", "Army", "Forces", "Navy", "Police", "Guard", "Cabinet", "Senate", "Board",
    "Airlines", "Airways", "Holdings", "Network", "Centre", "Center", "Programme", "Program",
    "Trust", "Society", "Exchange", "Network", "Inc.", "Ltd", "Ltd.", "PLC", "Co.", "AG", "SA",
}
#: Words that may lead an organisation name ("Ministry of ...", "University of ...").
ORG_LEADS = {"Ministry", "Department", "University", "Bank", "Office", "Council", "Commission",
             "Institute", "Academy", "Court", "Federation", "Organisation", "Organization", "League",
             "Association", "Union", "Government", "Parliament", "Assembly", "Secretariat", "Agency"}
