"""Invented words for generated books: names, places, agencies and the sort of sentences families
write. Nothing here is about a real person."""

FIRST_NAMES = (
    "Marta", "Oskar", "Zosia", "Rosa", "Aisha", "Bilal", "Chloe", "Darius", "Ellie", "Farah",
    "George", "Hana", "Isaac", "Jade", "Kai", "Leah", "Mohammed", "Nia", "Owen", "Priya",
    "Quinn", "Ruby", "Sami", "Tariq", "Uma", "Vik", "Wren", "Yusuf", "Zara", "Amelia", "Ben",
    "Carys", "Dev", "Emre", "Freya", "Gabriel", "Hollie", "Imran", "Jasmine", "Kian", "Lola",
)

SURNAMES = (
    "Nowak", "Khan", "Smith", "Jones", "Patel", "Begum", "Taylor", "Brown", "Ahmed", "Wilson",
    "Evans", "Hussain", "Walker", "Kowalski", "Ali", "Okafor", "Murphy", "Singh", "Clarke",
    "Hughes", "Osei", "Popescu", "Rahman", "Wright", "Mensah", "Doyle", "Shah", "Green",
)

PLACES = (
    "Riverside", "Northgate", "Eastfield", "Millbrook", "Oakwood", "Westway", "Hillcrest",
    "Southmead", "Ashford", "Brookside", "Kingsway", "Parkview", "Stonebridge", "Elmhurst",
    "Castlegate", "Meadowbank", "Fairfield", "Harbourside", "Greenlane", "Moorside",
)

AGENCIES = (
    "School", "Primary School", "Health Visiting", "GP Surgery", "Housing", "Police",
    "Probation", "Children's Services", "Family Support", "CAMHS", "Food Bank", "Youth Club",
    "Citizens Advice", "Jobcentre", "Early Help", "Community Mental Health Team",
)

TEAMS = ("Pastoral team", "Duty team", "Early help", "Tenancy support", "School nursing",
         "Neighbourhood team", "Young carers", "")

EVENT_TITLES = (
    "Meeting at school about mornings", "We moved to the new flat", "Damp in the bedroom again",
    "Assessment with the health visitor", "First week at college", "Court date for the arrears",
    "Support from the family worker started", "GP appointment about sleep",
    "Team around the family meeting", "Oskar got a certificate", "Letter from the council",
    "Bailiff visit", "Zosia went back to school", "Benefits stopped for six weeks",
    "Referral to CAMHS", "Parents' evening", "Housing officer came round", "Dad moved out",
    "We asked for help with money", "Holiday club place came through",
)

SENTENCES = (
    "We went to the meeting at the school and explained how the mornings go.",
    "Nobody asked us what we thought before the letter came.",
    "The family worker rang back the same day, which helped a lot.",
    "We had to tell our story again to someone new.",
    "Babcia looks after the children on Tuesdays so I can go to work.",
    "The bedroom still smells of damp and the children cough at night.",
    "Oskar does better when he knows what is happening next.",
    "Zosia wants to go back to school one lesson at a time.",
    "We paid off the water bill with a payment plan.",
    "It was hard when the support stopped without warning.",
    "The health visitor listened and wrote down what we said.",
    "We like it when people come to the house at the time they said.",
    "Please do not ring before ten in the morning.",
    "Talking to one person who knows us is better than five who do not.",
    "The food bank helped us through the six weeks with no money.",
    "We walk the dog together after tea and that helps everyone calm down.",
    "The letter used words we did not understand, so we asked Rosa.",
    "Things are better since the arrears were sorted out.",
    "Sometimes the police come when the neighbours shout, not us.",
    "We want the children to stay together and stay at this school.",
    "Short meetings work better for us than long ones.",
    "A text the day before helps us remember appointments.",
    "Our key worker helps us fill in the forms.",
    "We are proud that we kept going through a hard year.",
)

GOALS = (
    ("Get the damp and mould fixed for good", "home"),
    ("Zosia back in school every morning", "school"),
    ("Pay off the council tax arrears", "money"),
    ("Calmer mornings before school", "everyday"),
    ("Find a course for me in the evenings", "work"),
    ("Oskar sleeps through the night", "health"),
    ("Fewer arguments at tea time", "getting_on"),
    ("Join the art club after school", "friends"),
    ("Feel safe walking home", "safe"),
    ("Get help with caring for Nan", "caring"),
)

STEPS = (
    "Ring the housing office and ask for a visit", "Meet the pastoral team",
    "Go in for the first two lessons", "Set up a payment plan",
    "Ask the GP for a letter", "Write down what happens each morning",
    "Fill in the form for the holiday club", "Check the bus pass",
    "Ask the school for a quiet place at lunch", "Book a meeting with Citizens Advice",
)
