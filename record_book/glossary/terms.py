"""The built-in glossary: jargon that professionals use with families, each with a plain meaning.

Professionals in England and Wales write in acronyms and legal shorthand ("CAF", "Section 47",
"TAF"), and families can feel it is "as if the two sides were speaking a different language" (North
Earlham report). Each `Term` holds the word as professionals write it, one plain-English line a
ten-year-old could follow, the other spellings and long forms that mean the same, so `glossary`
can spot any of them in what people wrote, and one example sentence from a family's own life.

Meanings are English source text wrapped in `N_`: `pybabel extract` collects them and the portal
translates each one through the Babel catalogs, in the reader's language, when it shows it; the
examples too. A meaning is one sentence of at most 25 words at a Flesch reading ease of 70 or
more (tests/test_glossary_plain.py), uses no other unexplained acronym and never contains a percent
sign. The list is ordered alphabetically by term, whatever its case.

Sources: the glossary of the North Earlham report, with its errors corrected (Sections 17 and 47
belong to the Children Act 1989, not a "1998 Children's Act"), and the early-help, safeguarding,
school, housing and benefit words in the Leicestershire and Family Pathfinder material. Where the
law differs between England and Wales, the meaning says which country it describes.
"""

from dataclasses import dataclass

from record_book.i18n import N_


@dataclass(frozen=True)
class Term:
    term: str  # as professionals write it, e.g. "CAF"
    meaning: str  # one plain-English sentence, wrapped in N_() so pybabel extracts it
    also: tuple[str, ...] = ()  # other spellings and forms that mean the same
    example: str = ""  # one sentence a family might say using the term, wrapped in N_()


TERMS: tuple[Term, ...] = (
    Term(
        "A&E",
        N_("The part of a hospital for bad injuries or sudden illness that need help straight "
           "away."),
        ("accident and emergency", "emergency department"),
        example=N_("We took Sam to A&E when he fell off the wall and hurt his arm."),
    ),
    Term(
        "ABC",
        N_("A written promise to stop some kinds of behaviour, made with the police or council, "
           "who offer help; it is not a court order."),
        ("acceptable behaviour contract", "acceptable behaviour agreement"),
        example=N_("Jay signed an ABC with the police and said he would keep away from the shops."),
    ),
    Term(
        "ADHD",
        N_("A condition, in children and adults, that can make it hard to focus, sit still or "
           "wait before acting."),
        ("attention deficit hyperactivity disorder",),
        example=N_("The doctor said Leo has ADHD, so his teacher lets him move about in class."),
    ),
    Term(
        "advocate",
        N_("Someone on your side who helps you say what you want and makes sure you are listened "
           "to."),
        ("advocates", "advocacy"),
        example=N_("Our advocate sat with us at the meeting and made sure the school heard what "
                   "we wanted."),
    ),
    Term(
        "ALN",
        N_("In Wales, the name for needs that make learning harder for a child than for most "
           "children of the same age."),
        ("additional learning needs",),
        example=N_("Our school in Cardiff said Nia has ALN and gave her a quiet place to read."),
    ),
    Term(
        "arrears",
        N_("Money you owe because payments, such as rent or bills, were missed or paid late."),
        ("rent arrears", "in arrears"),
        example=N_("We got into rent arrears when my hours were cut, so we rang the council for "
                   "help."),
    ),
    Term(
        "ASB",
        N_("Behaviour that upsets, scares or harms people nearby, such as loud noise, damage or "
           "threats."),
        ("anti-social behaviour", "antisocial behaviour", "anti social behaviour"),
        example=N_("The council wrote to us about ASB after the shouting in the flats."),
    ),
    Term(
        "ASBO",
        N_("An old court order that told someone to stop bad behaviour; since 2014 courts use "
           "new orders instead."),
        ("anti-social behaviour order", "antisocial behaviour order"),
        example=N_("My uncle had an ASBO years ago that said he could not go near the park."),
    ),
    Term(
        "assessment",
        N_("When a worker talks with you and finds out what is going well and what help is "
           "needed."),
        ("assessments",),
        example=N_("The worker came twice for the assessment and asked what our days are like."),
    ),
    Term(
        "bail conditions",
        N_("Rules a person must follow while waiting for a court case or a police decision, such "
           "as where to live."),
        ("bail", "police bail"),
        example=N_("His bail conditions mean he has to be home by nine every night."),
    ),
    Term(
        "CAF",
        N_("An older form, filled in with you, that says what your child needs so that all the "
           "services can help as one."),
        ("Common Assessment Framework",),
        example=N_("The school nurse asked if we wanted a CAF so everyone helping us would meet."),
    ),
    Term(
        "CAMHS",
        N_("Health services for children and young people who find it hard to cope with their "
           "feelings, moods or how they act."),
        ("child and adolescent mental health services",
         "child and adolescent mental health service", "CAHMS", "CYPMHS",
         "children and young people's mental health services"),
        example=N_("Our doctor sent Amir to CAMHS because he was not sleeping and felt sad all "
                   "the time."),
    ),
    Term(
        "care order",
        N_("A court order that gives the council a legal say over a child, along with the "
           "parents; the child often lives in foster care."),
        ("care orders", "interim care order"),
        example=N_("The judge made a care order, so the council now has a say in where the baby "
                   "lives."),
    ),
    Term(
        "Carer's Allowance",
        N_("Money from the government if you care for a disabled person for at least 35 hours a "
           "week."),
        ("Carer’s Allowance", "Carers Allowance"),
        example=N_("I get Carer's Allowance because I look after my mum every day."),
    ),
    Term(
        "case closure",
        N_("When a service ends its work with your family, often because things have got better."),
        ("case closed", "closed case", "closing the case"),
        example=N_("The letter about case closure said we can ring them again if things get hard."),
    ),
    Term(
        "CBT",
        N_("A talking therapy that helps you see how your thoughts, feelings and actions link, "
           "and try new ways to cope."),
        ("cognitive behavioural therapy", "cognitive behaviour therapy",
         "cognitive behavioral therapy"),
        example=N_("In CBT, Ella learned to spot her worried thoughts before school."),
    ),
    Term(
        "child arrangements order",
        N_("A court order deciding who a child lives with and when they spend time with each "
           "parent."),
        ("child arrangements orders", "residence order", "contact order"),
        example=N_("The child arrangements order says the children stay with their dad every "
                   "other weekend."),
    ),
    Term(
        "child in need",
        N_("A child who needs extra help from the council to be healthy, safe or grow well, "
           "including disabled children."),
        ("CIN", "children in need", "child in need plan", "CIN plan"),
        example=N_("Because of his illness, Tom is a child in need and gets help from the "
                   "council."),
    ),
    Term(
        "child protection",
        N_("The work services do when there is worry a child may be seriously harmed, to find "
           "out and keep them safe."),
        example=N_("The social worker said child protection means they have to check the "
                   "children are safe."),
    ),
    Term(
        "child protection conference",
        N_("A meeting of the family and the workers that decides if a child needs a child "
           "protection plan to keep them safe."),
        ("CP conference", "child protection case conference", "case conference",
         "initial child protection conference", "review child protection conference", "ICPC",
         "RCPC"),
        example=N_("At the child protection conference, I could bring my sister to sit with me."),
    ),
    Term(
        "child protection plan",
        N_("A written plan, agreed at a meeting, that says what everyone will do to keep a child "
           "safe from serious harm."),
        ("CPP", "CP plan", "child protection plans", "child protection register", "CP register"),
        example=N_("The child protection plan says a worker will visit us every week."),
    ),
    Term(
        "children's centre",
        N_("A local place with play, advice and help for parents of young children; many are now "
           "family hubs."),
        ("children’s centre", "children's centres", "children’s centres", "Sure Start"),
        example=N_("I met other mums at the children's centre when the twins were small."),
    ),
    Term(
        "children's services",
        N_("The part of the council that supports children and families and works to keep "
           "children safe."),
        ("children’s services", "children's social care", "children’s social care", "CSC",
         "social services"),
        example=N_("Children's services rang to ask how we were getting on after the move."),
    ),
    Term(
        "complex needs",
        N_("When a person or family has many problems at once, which make each other worse and "
           "need different kinds of help."),
        example=N_("The letter said we have complex needs, which just means a lot is going on at "
                   "once."),
    ),
    Term(
        "consent",
        N_("Your clear yes for something to happen or be shared, which you can usually change "
           "your mind about later."),
        ("informed consent",),
        example=N_("They asked for my consent before they talked to the school about us."),
    ),
    Term(
        "core group",
        N_("The family and a small group of workers who meet often to do what the child "
           "protection plan says."),
        ("core groups", "core group meeting"),
        example=N_("The core group meets every month at the school to go through what has "
                   "changed."),
    ),
    Term(
        "council tax reduction",
        N_("Help from the council to pay less council tax if you are on a low income or get "
           "certain benefits."),
        ("council tax support", "council tax reduction scheme", "CTR"),
        example=N_("After I lost my job, council tax reduction made our bill much smaller."),
    ),
    Term(
        "CPN",
        N_("A mental health nurse who helps people at home or nearby as they get better."),
        ("community psychiatric nurse", "community mental health nurse"),
        example=N_("The CPN comes to see Dad at home every two weeks."),
    ),
    Term(
        "DHP",
        N_("Extra money the council can give for rent or the cost of a move when your benefits "
           "do not cover it all."),
        ("discretionary housing payment", "discretionary housing payments"),
        example=N_("The council gave us a DHP to help pay the rent while we waited for a bigger "
                   "flat."),
    ),
    Term(
        "DLA",
        N_("Money from the government to help with the extra costs of looking after a disabled "
           "child under 16."),
        ("Disability Living Allowance",),
        example=N_("We get DLA for Maya because she needs help day and night."),
    ),
    Term(
        "domestic abuse",
        N_("When someone in your family, or a partner or ex, hurts, scares or controls you, with "
           "acts, words or money."),
        ("domestic violence", "DV", "domestic abuse and violence"),
        example=N_("The worker helped me see that what he did with our money was domestic abuse."),
    ),
    Term(
        "DRR",
        N_("Part of a court sentence where a person agrees to have drug treatment and regular "
           "drug tests."),
        ("drug rehabilitation requirement",),
        example=N_("His DRR means he sees a drugs worker every week and has tests."),
    ),
    Term(
        "early help",
        N_("Support offered when problems first appear, to stop them growing; families choose "
           "whether to take part."),
        ("early intervention", "early help service", "early help offer"),
        example=N_("Early help came in when the baby was born and things got on top of us."),
    ),
    Term(
        "educational psychologist",
        N_("A specialist who finds out how a child learns best and advises the school and family "
           "on how to help."),
        ("educational psychologists", "EP", "ed psych", "educational psychology service", "EPS"),
        example=N_("The educational psychologist sat in on Ben's class and said he learns best "
                   "when he can see things."),
    ),
    Term(
        "EHA",
        N_("A talk and a form, done with you, that says what is going well and what help you "
           "need, so services can help as one."),
        ("Early Help Assessment", "early help assessments"),
        example=N_("We did the EHA at our kitchen table, and I said what was going well too."),
    ),
    Term(
        "EHCP",
        N_("A legal plan in England that says what help a child or young person up to 25 with "
           "special needs must get."),
        ("Education, Health and Care Plan", "Education Health and Care Plan", "EHC plan"),
        example=N_("Sara's EHCP says she gets a helper in class every morning."),
    ),
    Term(
        "eviction notice",
        N_("A letter from a landlord saying they want you to leave your home, which you should "
           "get advice about quickly."),
        ("notice to quit", "notice seeking possession", "possession notice"),
        example=N_("When the eviction notice came, we went to Citizens Advice the next day."),
    ),
    Term(
        "EWO",
        N_("A council worker who helps children get to school each day and works with families "
           "when a child misses a lot."),
        ("education welfare officer", "attendance officer", "education welfare service", "EWS",
         "attendance team"),
        example=N_("The EWO came round when Kai missed lots of school after Gran died."),
    ),
    Term(
        "exclusion",
        N_("When a head teacher decides a pupil can no longer go to their school at all."),
        ("permanent exclusion", "permanently excluded", "school exclusion"),
        example=N_("After the exclusion, Leon started at a new school near his nan's house."),
    ),
    Term(
        "family group conference",
        N_("A meeting where the wider family and friends make their own plan to help a child be "
           "safe and well."),
        ("FGC", "family group conferences", "family network meeting"),
        example=N_("At the family group conference, Gran and Aunty Jo said they would do the "
                   "school runs."),
    ),
    Term(
        "family hub",
        N_("A local place where families with children and young people can get many kinds of "
           "help and advice."),
        ("family hubs",),
        example=N_("We go to the family hub on Tuesdays for the baby group and money advice."),
    ),
    Term(
        "family support worker",
        N_("A worker who comes to see you, often at home, to help with problems in everyday life "
           "and cheer you on."),
        ("family support workers", "FSW", "family worker"),
        example=N_("Our family support worker helped us find a bedtime that works for all of us."),
    ),
    Term(
        "FIP",
        N_("A service where one worker spends a lot of time helping the whole family with many "
           "problems at once."),
        ("family intervention project", "family intervention service"),
        example=N_("The FIP worker came three times a week and helped with bills, school and "
                   "bedtime."),
    ),
    Term(
        "fixed-term exclusion",
        N_("When a pupil is sent home from school for a set number of days, now called a "
           "suspension."),
        ("fixed term exclusion", "suspension", "suspended from school"),
        example=N_("Josh had a fixed-term exclusion for three days after the fight."),
    ),
    Term(
        "food bank",
        N_("A place, often run by helpers for free, that gives food to people who cannot buy "
           "enough, often after a worker sends them."),
        ("foodbank", "food parcel", "food voucher"),
        example=N_("The health visitor gave us a voucher for the food bank when money ran out."),
    ),
    Term(
        "foster care",
        N_("When a child lives for a while with trained carers, called foster carers, instead of "
           "with their own family."),
        ("foster carer", "foster carers", "fostering", "foster placement"),
        example=N_("My brother was in foster care for a year, and now he is back home."),
    ),
    Term(
        "free school meals",
        N_("A free hot lunch at school for all young children, and for older ones whose families "
           "get some benefits."),
        ("free school meal", "FSM"),
        example=N_("Now we get free school meals, the children have a hot lunch every day."),
    ),
    Term(
        "GP",
        N_("Your family doctor at the local surgery, who you usually see first about a health "
           "problem."),
        ("general practitioner", "GP surgery", "GP practice", "family doctor"),
        example=N_("I told our GP that I was not sleeping, and she told me about a group to talk "
                   "to."),
    ),
    Term(
        "health visitor",
        N_("A nurse who supports families with babies and young children up to age five, often "
           "visiting at home."),
        ("health visitors", "health visiting", "HV"),
        example=N_("The health visitor weighed the baby and asked how I was feeling too."),
    ),
    Term(
        "housing association",
        N_("A group that is not run for profit and rents out homes at lower rents, a lot like "
           "the council does."),
        ("housing associations", "social landlord", "registered social landlord", "RSL"),
        example=N_("Our flat is from a housing association, and they fixed the damp last month."),
    ),
    Term(
        "housing benefit",
        N_("Money from the council to help pay rent; now most people get help with rent through "
           "Universal Credit."),
        example=N_("Gran still gets housing benefit to help with her rent."),
    ),
    Term(
        "housing register",
        N_("The council's waiting list for social housing, where people are placed in bands or "
           "given points by need."),
        ("housing waiting list", "housing band", "banding"),
        example=N_("We have been on the housing register for two years, waiting for a bigger "
                   "home."),
    ),
    Term(
        "IAPT",
        N_("Free talking help from the health service in England for worry, stress and low mood, "
           "which you can often ask for yourself."),
        ("Improving Access to Psychological Therapies", "NHS Talking Therapies",
         "talking therapies"),
        example=N_("I signed up for NHS Talking Therapies myself, and now I talk to someone each "
                   "week."),
    ),
    Term(
        "IDP",
        N_("In Wales, a legal plan that says what help a child or young person must get when "
           "they find learning hard."),
        ("individual development plan",),
        example=N_("Rhys has an IDP, so his school in Swansea gives him extra reading time."),
    ),
    Term(
        "IDVA",
        N_("A specialist worker who helps people at high risk from domestic abuse to stay safe "
           "and get support."),
        ("independent domestic violence adviser", "independent domestic violence advisor",
         "independent domestic violence advocate"),
        example=N_("The IDVA helped me get new locks and came with me to court."),
    ),
    Term(
        "information sharing",
        N_("When services pass on what they know about your family, most often only if you say "
           "yes, but not if someone may be at risk."),
        ("information-sharing", "sharing information", "information sharing agreement",
         "information sharing protocol"),
        example=N_("They told us about information sharing, and I asked who else would see our "
                   "notes."),
    ),
    Term(
        "key worker",
        N_("A worker who gets to know your family well and helps you deal with the different "
           "services involved."),
        ("keyworker", "key-worker"),
        example=N_("Our key worker rings every Friday to see how the week has gone."),
    ),
    Term(
        "kinship care",
        N_("When a child is brought up by a grandparent, an aunt or uncle, or a friend of the "
           "family, not by a parent."),
        ("kinship carer", "family and friends care", "connected persons"),
        example=N_("Since Mum got ill, we live with Gran in kinship care."),
    ),
    Term(
        "LADO",
        N_("The council officer who deals with worries that an adult who works with children may "
           "have harmed a child."),
        ("Local Authority Designated Officer", "designated officer"),
        example=N_("When a coach at the club hurt my son, the school told the LADO."),
    ),
    Term(
        "lead professional",
        N_("The one worker chosen to join up a family's help and be the main person you talk to "
           "about the other services."),
        ("lead practitioner", "lead worker"),
        example=N_("The head of year is our lead professional, so we go to her first."),
    ),
    Term(
        "looked after child",
        N_("A child the council cares for, with the parents' agreement or by court order, who "
           "often lives with foster carers or in a home."),
        ("looked-after child", "looked after children", "looked-after children",
         "child looked after", "children looked after", "LAC", "CLA", "child in care",
         "children in care"),
        example=N_("As a looked after child, my cousin has a worker who checks how she is doing."),
    ),
    Term(
        "MARAC",
        N_("A meeting where local services work out how to keep safe the people most at risk of "
           "harm from a partner or family."),
        ("multi-agency risk assessment conference", "multi agency risk assessment conference"),
        example=N_("The worker told me our case would go to MARAC so everyone could help keep us "
                   "safe."),
    ),
    Term(
        "MASH",
        N_("A team where council, police and health workers share what they know quickly, to "
           "decide how best to keep someone safe."),
        ("multi-agency safeguarding hub", "multi agency safeguarding hub"),
        example=N_("When the school rang the MASH, they called me the same day to talk it "
                   "through."),
    ),
    Term(
        "multi-agency",
        N_("When school, health, the council and other services all work as one with a family."),
        ("multi agency", "multiagency", "inter-agency"),
        example=N_("It was a multi-agency meeting, with the school, the doctor and housing all "
                   "there."),
    ),
    Term(
        "NEET",
        N_("Describes a young person aged 16 to 24 who is not in school, college, training or a "
           "job."),
        ("not in education, employment or training",),
        example=N_("After college ended, Dan was NEET for a while until he got a job at the "
                   "garage."),
    ),
    Term(
        "neighbourhood warden",
        N_("A council worker who walks local streets to help people living there and cut down on "
           "noise, mess and damage."),
        ("neighbourhood wardens", "community warden"),
        example=N_("The neighbourhood warden had the broken glass cleared from the play area."),
    ),
    Term(
        "non-molestation order",
        N_("A court order that stops a named person from hurting, scaring or bothering you or "
           "your children."),
        ("non molestation order", "non-mol"),
        example=N_("The court gave me a non-molestation order, so he must not come to our house."),
    ),
    Term(
        "outcomes",
        N_("The changes a plan hopes to bring about for the family, used to check whether the "
           "support is working."),
        ("outcome", "outcomes framework"),
        example=N_("The worker asked which outcomes matter most to us, and we said a calmer home."),
    ),
    Term(
        "parental responsibility",
        N_("The legal rights and duties to make important decisions about a child and to care "
           "for them."),
        example=N_("We both have parental responsibility, so the school sends letters to both of "
                   "us."),
    ),
    Term(
        "parenting assessment",
        N_("A detailed look at how parents care for their children, what is going well and what "
           "support would help."),
        ("parenting assessments", "parenting capacity assessment"),
        example=N_("The parenting assessment took six weeks, and the worker saw us at bath time."),
    ),
    Term(
        "PbR",
        N_("A way to pay for a service where it is paid only when the changes agreed for a "
           "family have come about."),
        ("payment by results",),
        example=N_("The worker said PbR means her team is paid when things get better for us."),
    ),
    Term(
        "PCSO",
        N_("A member of police staff in uniform who walks the local streets and helps people, "
           "but cannot do all that an officer can."),
        ("police community support officer",),
        example=N_("A PCSO walks past the school gates each morning, and the kids know her name."),
    ),
    Term(
        "PIP",
        N_("Money for people aged 16 to pension age whose long illness or disability makes life "
           "cost more."),
        ("Personal Independence Payment",),
        example=N_("I get PIP because my back pain makes it hard to cook and get dressed."),
    ),
    Term(
        "PLO",
        N_("A formal step where the council meets parents and their lawyer to agree what must "
           "change, hoping to avoid going to court."),
        ("public law outline", "pre-proceedings", "PLO meeting"),
        example=N_("We had a PLO meeting with our lawyer, and the council wrote down what must "
                   "change."),
    ),
    Term(
        "probation",
        N_("The service that keeps watch over adults on a community sentence or out of prison, "
           "and helps them stay out of trouble."),
        ("probation officer", "probation service", "probation worker"),
        example=N_("My partner sees his probation officer every week since he came home."),
    ),
    Term(
        "PRU",
        N_("A small school for pupils who cannot go to their own school for a while, for example "
           "after they were excluded or ill."),
        ("pupil referral unit", "alternative provision"),
        example=N_("Callum went to the PRU for a term, and the small classes really helped."),
    ),
    Term(
        "referral",
        N_("When someone asks a service to help you by passing on your details, usually with "
           "your agreement."),
        ("referrals", "self-referral"),
        example=N_("The doctor made a referral, so a letter came from the clinic a week later."),
    ),
    Term(
        "respite care",
        N_("A short break for a carer, when someone else looks after the person they care for."),
        ("respite", "short breaks"),
        example=N_("Respite care gives us one weekend a month to rest while Lily has a short "
                   "break."),
    ),
    Term(
        "restorative justice",
        N_("A meeting or process where the person who caused harm hears how it affected others "
           "and tries to put things right."),
        ("restorative approach", "restorative approaches"),
        example=N_("Through restorative justice, Sam met the shop owner and said sorry."),
    ),
    Term(
        "safeguarding",
        N_("Everything people and services do to protect children and adults from harm and help "
           "them stay safe."),
        ("safeguarding concern",),
        example=N_("The teacher said she had to tell the school's safeguarding lead about the "
                   "bruise."),
    ),
    Term(
        "school nurse",
        N_("A nurse who works with schools to help children and young people with their health, "
           "growth and feelings."),
        ("school nurses", "school nursing", "school nursing service"),
        example=N_("The school nurse checked Ruby's eyes and showed her how to use her inhaler."),
    ),
    Term(
        "Section 17",
        N_("Part of the Children Act 1989 saying councils in England must help children in need "
           "and their families."),
        ("s17", "s.17", "§17"),
        example=N_("The council used Section 17 to pay for a cooker when ours broke."),
    ),
    Term(
        "Section 20",
        N_("Part of the Children Act 1989 that lets councils in England look after a child when "
           "parents agree, with no court order."),
        ("s20", "s.20", "§20", "section 20 agreement", "voluntary accommodation"),
        example=N_("When I was in hospital, I agreed to Section 20 so the children could stay "
                   "with a foster family."),
    ),
    Term(
        "Section 21 notice",
        N_("A landlord's notice that tells you to leave but gives no reason; in England it was "
           "stopped from 1 May 2026."),
        ("section 21", "s21", "no-fault eviction", "no fault eviction"),
        example=N_("We got a Section 21 notice before the rules changed, and an advice line "
                   "helped us."),
    ),
    Term(
        "Section 47",
        N_("Part of the Children Act 1989 saying the council must find out whether a child is at "
           "risk of serious harm."),
        ("s47", "s.47", "§47", "section 47 enquiry", "S47 enquiry", "child protection enquiry"),
        example=N_("The social worker said it was a Section 47 enquiry and told us what would "
                   "happen next."),
    ),
    Term(
        "Section 8 notice",
        N_("A landlord's notice in England asking you to leave for a reason they name, such as "
           "unpaid rent, under the Housing Act 1988."),
        example=N_("The landlord sent a Section 8 notice because we were behind with the rent."),
    ),
    Term(
        "SENCO",
        N_("The teacher in a school or nursery who makes sure children who find learning hard "
           "get extra help."),
        ("SENDCO", "special educational needs co-ordinator",
         "special educational needs coordinator", "ALNCo"),
        example=N_("I met the SENCO to talk about extra help for Ava's reading."),
    ),
    Term(
        "SEND",
        N_("When a child finds learning much harder than most children their age, or is "
           "disabled, and needs extra help."),
        ("SEN", "special educational needs", "special educational needs and disabilities",
         "special educational needs and disability"),
        example=N_("The school has a SEND group where Ali gets help with writing."),
    ),
    Term(
        "SGO",
        N_("A court order that makes a relative or other carer a child's special guardian, to "
           "bring the child up until they are 18."),
        ("special guardianship order", "special guardianship", "special guardian"),
        example=N_("Nan has an SGO for my little sister, so she will bring her up."),
    ),
    Term(
        "social worker",
        N_("A trained worker, often from the council, who helps children and parents and works "
           "to keep children safe."),
        ("social workers",),
        example=N_("Our social worker came with us on the first day at the new school."),
    ),
    Term(
        "SSO",
        N_("A prison sentence the court puts on hold, so the person stays in the community if "
           "they keep to set rules."),
        ("suspended sentence order", "suspended sentence"),
        example=N_("He got an SSO, so he stays at home as long as he keeps to the rules."),
    ),
    Term(
        "step down",
        N_("When a family's support moves to a lighter service because things have got better."),
        ("step-down", "stepped down", "stepping down"),
        example=N_("Our support was stepped down to the family hub once things were calmer."),
    ),
    Term(
        "strategy meeting",
        N_("A meeting, often by phone, where social workers, police and health staff decide if "
           "they must look into how safe a child is."),
        ("strategy meetings", "strategy discussion", "strategy discussions"),
        example=N_("After the school called, there was a strategy meeting, and the social worker "
                   "rang me after."),
    ),
    Term(
        "substance misuse",
        N_("Using alcohol or drugs in a way that harms a person's health, safety or everyday "
           "life."),
        ("substance use", "drug and alcohol misuse"),
        example=N_("The substance misuse team helped my brother cut down on drinking."),
    ),
    Term(
        "TAC",
        N_("The child, their family and the workers helping the child, who meet often to agree "
           "one plan and check how it goes."),
        ("Team Around the Child",),
        example=N_("At the TAC meeting, Maya's teacher and the nurse agreed who would do what."),
    ),
    Term(
        "TAF",
        N_("The family and the workers helping them, who meet often to agree one plan for the "
           "whole family and check how it goes."),
        ("Team Around the Family",),
        example=N_("At our TAF meeting, we all agreed that Dad would do the school run."),
    ),
    Term(
        "tenancy",
        N_("The agreement that lets you rent a home and sets out what you and your landlord must "
           "each do; in Wales, an occupation contract."),
        ("tenancies", "tenancy agreement", "occupation contract"),
        example=N_("Our tenancy says the landlord must fix the boiler."),
    ),
    Term(
        "threshold",
        N_("How much need or worry there must be before a service can get involved."),
        ("thresholds", "threshold of need", "threshold document"),
        example=N_("They said we did not meet the threshold for their service, but they told us "
                   "who could help."),
    ),
    Term(
        "Troubled Families",
        N_("A scheme that paid the council to help when a family had lots of problems at once; "
           "it is now called Supporting Families."),
        ("Troubled Families Programme",),
        example=N_("Our council's Troubled Families team helped us, though we did not like the "
                   "name."),
    ),
    Term(
        "Universal Credit",
        N_("A monthly payment from the government to help with living costs if you are on a low "
           "income or out of work."),
        ("UC",),
        example=N_("Our Universal Credit goes down a bit when I work more hours."),
    ),
    Term(
        "whole family approach",
        N_("Looking at how the whole family is doing, not helping each person on their own."),
        ("whole-family approach", "think family"),
        example=N_("With a whole family approach, the worker asked about all of us, not just "
                   "Jack."),
    ),
    Term(
        "work coach",
        N_("A Jobcentre worker who helps you with Universal Credit, looking for work and getting "
           "ready for a job."),
        ("work coaches",),
        example=N_("My work coach helped me get ready for the interview at the café."),
    ),
    Term(
        "YJS",
        N_("The local team, once called the youth offending team, that works with children aged "
           "10 to 17 in trouble with the law."),
        ("youth justice service", "youth justice team"),
        example=N_("The YJS worker helped Tyler write a letter to say sorry."),
    ),
    Term(
        "YOT",
        N_("A local team working with children aged 10 to 17 who get into trouble with the law; "
           "most are now called youth justice services."),
        ("youth offending team", "YOS", "youth offending service"),
        example=N_("Kian saw someone from the YOT every week after the trouble at the park."),
    ),
    Term(
        "young carer",
        N_("A child or young person who helps care for someone in the family who is ill, "
           "disabled or finding life hard."),
        ("young carers",),
        example=N_("Zosia is a young carer: she helps her mum with the shopping after school."),
    ),
)
