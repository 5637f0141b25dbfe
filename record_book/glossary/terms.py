"""The built-in glossary: jargon that professionals use with families, each with a plain meaning.

Professionals in England and Wales write in acronyms and legal shorthand ("CAF", "Section 47",
"TAF"), and families can feel it is "as if the two sides were speaking a different language" (North
Earlham report). Each `Term` holds the word as professionals write it, one plain-English line a
ten-year-old could follow, and the other spellings and long forms that mean the same, so `glossary`
can spot any of them in what people wrote.

Meanings are English source text wrapped in `N_`: `pybabel extract` collects them and the portal
translates each one through the Babel catalogs, in the reader's language, when it shows it. A
meaning is one sentence of at most 25 words, uses no other unexplained acronym and never contains a
percent sign. The list is ordered alphabetically by term, whatever its case.

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


TERMS: tuple[Term, ...] = (
    Term(
        "A&E",
        N_("The hospital department for serious injuries or sudden illness that need help "
           "straight away."),
        ("accident and emergency", "emergency department"),
    ),
    Term(
        "ABC",
        N_("A written promise, not a court order, to stop certain behaviour, usually agreed with "
           "the police or council, with support offered."),
        ("acceptable behaviour contract", "acceptable behaviour agreement"),
    ),
    Term(
        "ADHD",
        N_("A condition, in children and adults, that can make it hard to concentrate, sit still "
           "or wait before acting."),
        ("attention deficit hyperactivity disorder",),
    ),
    Term(
        "advocate",
        N_("Someone on your side who helps you say what you want and makes sure you are listened "
           "to."),
        ("advocates", "advocacy"),
    ),
    Term(
        "ALN",
        N_("In Wales, the name for needs that make learning harder for a child than for most "
           "children of the same age."),
        ("additional learning needs",),
    ),
    Term(
        "arrears",
        N_("Money you owe because payments, such as rent or bills, were missed or paid late."),
        ("rent arrears", "in arrears"),
    ),
    Term(
        "ASB",
        N_("Behaviour that upsets, frightens or harms people nearby, such as loud noise, damage "
           "or threats."),
        ("anti-social behaviour", "antisocial behaviour", "anti social behaviour"),
    ),
    Term(
        "ASBO",
        N_("An older court order banning certain behaviour, replaced in 2014 by injunctions and "
           "criminal behaviour orders."),
        ("anti-social behaviour order", "antisocial behaviour order"),
    ),
    Term(
        "assessment",
        N_("When a worker talks with you and gathers information to understand what is going "
           "well and what help is needed."),
        ("assessments",),
    ),
    Term(
        "bail conditions",
        N_("Rules a person must follow while waiting for a court case or a police decision, such "
           "as where to live."),
        ("bail", "police bail"),
    ),
    Term(
        "CAF",
        N_("An older shared assessment, done with the family, recording a child's needs so "
           "services can plan help together; now usually called an early help assessment."),
        ("Common Assessment Framework",),
    ),
    Term(
        "CAMHS",
        N_("Health services for children and young people who are struggling with their "
           "feelings, behaviour or mental health."),
        (
            "child and adolescent mental health services",
            "child and adolescent mental health service",
            "CAHMS",
            "CYPMHS",
            "children and young people's mental health services",
        ),
    ),
    Term(
        "care order",
        N_("A court order giving the council shared legal responsibility for a child, who often "
           "then lives in foster or other care."),
        ("care orders", "interim care order"),
    ),
    Term(
        "Carer's Allowance",
        N_("Money from the government for someone who spends at least 35 hours a week caring for "
           "a person with a disability."),
        ("Carer’s Allowance", "Carers Allowance"),
    ),
    Term(
        "case closure",
        N_("When a service finishes its work with a family and stops being involved, usually "
           "because things have improved."),
        ("case closed", "closed case", "closing the case"),
    ),
    Term(
        "CBT",
        N_("A talking therapy that helps you notice how your thoughts, feelings and actions "
           "link, and try new ways of coping."),
        (
            "cognitive behavioural therapy",
            "cognitive behaviour therapy",
            "cognitive behavioral therapy",
        ),
    ),
    Term(
        "child arrangements order",
        N_("A court order deciding who a child lives with and when they spend time with each "
           "parent."),
        ("child arrangements orders", "residence order", "contact order"),
    ),
    Term(
        "child in need",
        N_("A child who needs extra help from the council to be healthy, safe or develop well, "
           "including disabled children."),
        ("CIN", "children in need", "child in need plan", "CIN plan"),
    ),
    Term(
        "child protection",
        N_("The work services do when there is worry a child may be seriously harmed, to find "
           "out and keep them safe."),
    ),
    Term(
        "child protection conference",
        N_("A meeting of the family and professionals that decides whether a child needs a child "
           "protection plan to stay safe."),
        (
            "CP conference",
            "child protection case conference",
            "case conference",
            "initial child protection conference",
            "review child protection conference",
            "ICPC",
            "RCPC",
        ),
    ),
    Term(
        "child protection plan",
        N_("A written plan, agreed at a meeting, saying what everyone will do to keep a child "
           "safe from serious harm."),
        ("CPP", "CP plan", "child protection plans", "child protection register", "CP register"),
    ),
    Term(
        "children's centre",
        N_("A local centre with activities, advice and support for families with young children; "
           "many are now family hubs."),
        ("children’s centre", "children's centres", "children’s centres", "Sure Start"),
    ),
    Term(
        "children's services",
        N_("The part of the council that supports children and families and works to keep "
           "children safe."),
        (
            "children’s services",
            "children's social care",
            "children’s social care",
            "CSC",
            "social services",
        ),
    ),
    Term(
        "complex needs",
        N_("When a person or family faces several difficulties at once, which affect each other "
           "and need different kinds of help."),
    ),
    Term(
        "consent",
        N_("Your clear permission for something to happen or be shared, which you can usually "
           "change your mind about later."),
        ("informed consent",),
    ),
    Term(
        "core group",
        N_("The family and a small group of workers who meet regularly to carry out a child "
           "protection plan together."),
        ("core groups", "core group meeting"),
    ),
    Term(
        "council tax reduction",
        N_("Help from the council to pay less council tax if you are on a low income or get "
           "certain benefits."),
        ("council tax support", "council tax reduction scheme", "CTR"),
    ),
    Term(
        "CPN",
        N_("A mental health nurse who supports people at home or in the community as they "
           "recover."),
        ("community psychiatric nurse", "community mental health nurse"),
    ),
    Term(
        "DHP",
        N_("Extra money the council can give to help with rent or moving costs when benefits do "
           "not cover everything."),
        ("discretionary housing payment", "discretionary housing payments"),
    ),
    Term(
        "DLA",
        N_("Money from the government to help with the extra costs of looking after a disabled "
           "child under 16."),
        ("Disability Living Allowance",),
    ),
    Term(
        "domestic abuse",
        N_("When a partner, former partner or relative hurts, threatens, controls or frightens "
           "someone, including with words or money."),
        ("domestic violence", "DV", "domestic abuse and violence"),
    ),
    Term(
        "DRR",
        N_("Part of a court sentence where a person agrees to have drug treatment and regular "
           "drug tests."),
        ("drug rehabilitation requirement",),
    ),
    Term(
        "early help",
        N_("Support offered when problems first appear, to stop them growing; families choose "
           "whether to take part."),
        ("early intervention", "early help service", "early help offer"),
    ),
    Term(
        "educational psychologist",
        N_("A specialist who finds out how a child learns best and advises the school and family "
           "on how to help."),
        ("educational psychologists", "EP", "ed psych", "educational psychology service", "EPS"),
    ),
    Term(
        "EHA",
        N_("A conversation and form, done with the family, that records strengths and needs so "
           "services can plan support together."),
        ("Early Help Assessment", "early help assessments"),
    ),
    Term(
        "EHCP",
        N_("A legal plan in England setting out the help a child or young person up to 25 with "
           "special educational needs must get."),
        ("Education, Health and Care Plan", "Education Health and Care Plan", "EHC plan"),
    ),
    Term(
        "eviction notice",
        N_("A letter from a landlord saying they want you to leave your home, which you should "
           "get advice about quickly."),
        ("notice to quit", "notice seeking possession", "possession notice"),
    ),
    Term(
        "EWO",
        N_("A council worker who helps children go to school regularly and works with families "
           "when a child misses a lot of school."),
        (
            "education welfare officer",
            "attendance officer",
            "education welfare service",
            "EWS",
            "attendance team",
        ),
    ),
    Term(
        "exclusion",
        N_("When a head teacher decides a pupil can no longer attend their school, also called "
           "permanent exclusion."),
        ("permanent exclusion", "permanently excluded", "school exclusion"),
    ),
    Term(
        "family group conference",
        N_("A meeting where the wider family and friends make their own plan to help a child be "
           "safe and well."),
        ("FGC", "family group conferences", "family network meeting"),
    ),
    Term(
        "family hub",
        N_("A local place where families with children and young people can get many kinds of "
           "help and advice."),
        ("family hubs",),
    ),
    Term(
        "family support worker",
        N_("A worker who meets the family, often at home, to give practical help and "
           "encouragement with everyday problems."),
        ("family support workers", "FSW", "family worker"),
    ),
    Term(
        "FIP",
        N_("An intensive service where one dedicated worker helps the whole family with many "
           "problems at once."),
        ("family intervention project", "family intervention service"),
    ),
    Term(
        "fixed-term exclusion",
        N_("When a pupil is sent home from school for a set number of days, now called a "
           "suspension."),
        ("fixed term exclusion", "suspension", "suspended from school"),
    ),
    Term(
        "food bank",
        N_("A place, usually run by volunteers, that gives free food to people who cannot afford "
           "enough, often after a worker refers them."),
        ("foodbank", "food parcel", "food voucher"),
    ),
    Term(
        "foster care",
        N_("When a child lives for a while with trained carers, called foster carers, instead of "
           "with their own family."),
        ("foster carer", "foster carers", "fostering", "foster placement"),
    ),
    Term(
        "free school meals",
        N_("Free lunches at school, given to all younger children and to older children whose "
           "families get certain benefits."),
        ("free school meal", "FSM"),
    ),
    Term(
        "GP",
        N_("Your family doctor at the local surgery, who you usually see first about a health "
           "problem."),
        ("general practitioner", "GP surgery", "GP practice", "family doctor"),
    ),
    Term(
        "health visitor",
        N_("A nurse who supports families with babies and young children up to age five, often "
           "visiting at home."),
        ("health visitors", "health visiting", "HV"),
    ),
    Term(
        "housing association",
        N_("A not-for-profit organisation that rents out homes at lower rents, much like the "
           "council does."),
        ("housing associations", "social landlord", "registered social landlord", "RSL"),
    ),
    Term(
        "housing benefit",
        N_("Money from the council to help pay rent; most people now get help with rent through "
           "Universal Credit instead."),
    ),
    Term(
        "housing register",
        N_("The council's waiting list for social housing, where people are placed in bands or "
           "given points by need."),
        ("housing waiting list", "housing band", "banding"),
    ),
    Term(
        "IAPT",
        N_("Free talking therapy from the health service in England for worry, stress and low "
           "mood; you can usually refer yourself."),
        (
            "Improving Access to Psychological Therapies",
            "NHS Talking Therapies",
            "talking therapies",
        ),
    ),
    Term(
        "IDP",
        N_("In Wales, a legal plan setting out the support a child or young person with "
           "additional learning needs must get."),
        ("individual development plan",),
    ),
    Term(
        "IDVA",
        N_("A specialist worker who helps people at high risk from domestic abuse to stay safe "
           "and get support."),
        (
            "independent domestic violence adviser",
            "independent domestic violence advisor",
            "independent domestic violence advocate",
        ),
    ),
    Term(
        "information sharing",
        N_("When services pass on what they know about your family, normally with your agreement "
           "unless someone may be unsafe."),
        (
            "information-sharing",
            "sharing information",
            "information sharing agreement",
            "information sharing protocol",
        ),
    ),
    Term(
        "key worker",
        N_("A worker who gets to know your family well and helps you deal with the different "
           "services involved."),
        ("keyworker", "key-worker"),
    ),
    Term(
        "kinship care",
        N_("When a child is brought up by grandparents, other relatives or family friends "
           "instead of their parents."),
        ("kinship carer", "family and friends care", "connected persons"),
    ),
    Term(
        "LADO",
        N_("The council officer who deals with worries that an adult who works with children may "
           "have harmed a child."),
        ("Local Authority Designated Officer", "designated officer"),
    ),
    Term(
        "lead professional",
        N_("The one worker chosen to coordinate a family's support and be their main contact "
           "with the other services."),
        ("lead practitioner", "lead worker"),
    ),
    Term(
        "looked after child",
        N_("A child the council cares for, by agreement or by court order, usually living with "
           "foster carers or in a children's home."),
        (
            "looked-after child",
            "looked after children",
            "looked-after children",
            "child looked after",
            "children looked after",
            "LAC",
            "CLA",
            "child in care",
            "children in care",
        ),
    ),
    Term(
        "MARAC",
        N_("A regular meeting where local services share information and plan how to protect "
           "people at highest risk of domestic abuse."),
        ("multi-agency risk assessment conference", "multi agency risk assessment conference"),
    ),
    Term(
        "MASH",
        N_("A team where council, police and health workers share information quickly to decide "
           "how best to keep someone safe."),
        ("multi-agency safeguarding hub", "multi agency safeguarding hub"),
    ),
    Term(
        "multi-agency",
        N_("Different services, such as school, health and the council, working together with a "
           "family."),
        ("multi agency", "multiagency", "inter-agency"),
    ),
    Term(
        "NEET",
        N_("Describes a young person aged 16 to 24 who is not in school, college, training or a "
           "job."),
        ("not in education, employment or training",),
    ),
    Term(
        "neighbourhood warden",
        N_("A council worker who patrols local streets to help residents and reduce nuisance and "
           "damage."),
        ("neighbourhood wardens", "community warden"),
    ),
    Term(
        "non-molestation order",
        N_("A court order that stops a named person from threatening, harming or pestering you "
           "or your children."),
        ("non molestation order", "non-mol"),
    ),
    Term(
        "outcomes",
        N_("The changes a plan hopes to bring about for the family, used to check whether the "
           "support is working."),
        ("outcome", "outcomes framework"),
    ),
    Term(
        "parental responsibility",
        N_("The legal rights and duties to make important decisions about a child and to care "
           "for them."),
    ),
    Term(
        "parenting assessment",
        N_("A detailed look at how parents care for their children, what is going well and what "
           "support would help."),
        ("parenting assessments", "parenting capacity assessment"),
    ),
    Term(
        "PbR",
        N_("A way of paying for a service where money is given only when agreed changes for "
           "families are reached."),
        ("payment by results",),
    ),
    Term(
        "PCSO",
        N_("A uniformed police community support officer, who patrols local streets and helps "
           "people but has fewer powers than a police officer."),
        ("police community support officer",),
    ),
    Term(
        "PIP",
        N_("Government money towards extra living costs for people aged 16 to pension age with a "
           "long-term illness or disability."),
        ("Personal Independence Payment",),
    ),
    Term(
        "PLO",
        N_("A formal step where the council meets parents and their lawyer to agree what must "
           "change, hoping to avoid going to court."),
        ("public law outline", "pre-proceedings", "PLO meeting"),
    ),
    Term(
        "probation",
        N_("The service that supervises adults serving community sentences or released from "
           "prison, and helps them stay out of trouble."),
        ("probation officer", "probation service", "probation worker"),
    ),
    Term(
        "PRU",
        N_("A small school for pupils who cannot attend an ordinary school for a while, for "
           "example after exclusion or illness."),
        ("pupil referral unit", "alternative provision"),
    ),
    Term(
        "referral",
        N_("When someone asks a service to help you by passing on your details, usually with "
           "your agreement."),
        ("referrals", "self-referral"),
    ),
    Term(
        "respite care",
        N_("A short break for a carer, when someone else looks after the person they care for."),
        ("respite", "short breaks"),
    ),
    Term(
        "restorative justice",
        N_("A meeting or process where the person who caused harm hears how it affected others "
           "and tries to put things right."),
        ("restorative approach", "restorative approaches"),
    ),
    Term(
        "safeguarding",
        N_("Everything people and services do to protect children and adults from harm and help "
           "them stay safe."),
        ("safeguarding concern",),
    ),
    Term(
        "school nurse",
        N_("A nurse who works with schools to help children and young people with their health, "
           "growth and feelings."),
        ("school nurses", "school nursing", "school nursing service"),
    ),
    Term(
        "Section 17",
        N_("Part of the Children Act 1989 saying councils in England must help children in need "
           "and their families."),
        ("s17", "s.17", "§17"),
    ),
    Term(
        "Section 20",
        N_("Part of the Children Act 1989 letting councils in England look after a child when "
           "parents agree, without a court order."),
        ("s20", "s.20", "§20", "section 20 agreement", "voluntary accommodation"),
    ),
    Term(
        "Section 21 notice",
        N_("A landlord's notice ending a tenancy without giving any reason, under the Housing "
           "Act 1988; abolished in England from 1 May 2026."),
        ("section 21", "s21", "no-fault eviction", "no fault eviction"),
    ),
    Term(
        "Section 47",
        N_("Part of the Children Act 1989 saying the council must find out whether a child is at "
           "risk of serious harm."),
        ("s47", "s.47", "§47", "section 47 enquiry", "S47 enquiry", "child protection enquiry"),
    ),
    Term(
        "Section 8 notice",
        N_("A landlord's notice asking a tenant to leave for a stated reason, such as rent "
           "arrears, under the Housing Act 1988."),
    ),
    Term(
        "SENCO",
        N_("The teacher in a school or nursery who organises extra help for children with "
           "special educational needs."),
        (
            "SENDCO",
            "special educational needs co-ordinator",
            "special educational needs coordinator",
            "ALNCo",
        ),
    ),
    Term(
        "SEND",
        N_("When a child finds learning much harder than most children their age, or has a "
           "disability, and needs extra help."),
        (
            "SEN",
            "special educational needs",
            "special educational needs and disabilities",
            "special educational needs and disability",
        ),
    ),
    Term(
        "SGO",
        N_("A court order making a relative or other carer a child's special guardian, to raise "
           "the child until adulthood."),
        ("special guardianship order", "special guardianship", "special guardian"),
    ),
    Term(
        "social worker",
        N_("A trained professional, usually from the council, who supports children and families "
           "and helps keep children safe."),
        ("social workers",),
    ),
    Term(
        "SSO",
        N_("A prison sentence the court puts on hold, so the person stays in the community if "
           "they keep to set rules."),
        ("suspended sentence order", "suspended sentence"),
    ),
    Term(
        "step down",
        N_("When a family's support moves to a lighter service because things have got better."),
        ("step-down", "stepped down", "stepping down"),
    ),
    Term(
        "strategy meeting",
        N_("A meeting, often by phone, where social workers, police and health staff decide "
           "whether child protection enquiries are needed."),
        ("strategy meetings", "strategy discussion", "strategy discussions"),
    ),
    Term(
        "substance misuse",
        N_("Using alcohol or drugs in a way that harms a person's health, safety or everyday "
           "life."),
        ("substance use", "drug and alcohol misuse"),
    ),
    Term(
        "TAC",
        N_("The child, their family and the workers helping the child, meeting regularly to "
           "agree and review one shared plan."),
        ("Team Around the Child",),
    ),
    Term(
        "TAF",
        N_("The family and the workers helping them, meeting regularly to agree and review one "
           "shared plan for the whole family."),
        ("Team Around the Family",),
    ),
    Term(
        "tenancy",
        N_("The agreement that lets you rent a home and sets out what you and your landlord must "
           "each do; in Wales, an occupation contract."),
        ("tenancies", "tenancy agreement", "occupation contract"),
    ),
    Term(
        "threshold",
        N_("The level of need or worry that must be reached before a particular service can get "
           "involved."),
        ("thresholds", "threshold of need", "threshold document"),
    ),
    Term(
        "Troubled Families",
        N_("A government programme, later renamed Supporting Families, that paid councils to "
           "help families facing several problems at once."),
        ("Troubled Families Programme",),
    ),
    Term(
        "Universal Credit",
        N_("A monthly payment from the government to help with living costs if you are on a low "
           "income or out of work."),
        ("UC",),
    ),
    Term(
        "whole family approach",
        N_("Looking at how everyone in the family is doing together, instead of helping each "
           "person separately."),
        ("whole-family approach", "think family"),
    ),
    Term(
        "work coach",
        N_("A Jobcentre worker who helps you with Universal Credit, looking for work and getting "
           "ready for a job."),
        ("work coaches",),
    ),
    Term(
        "YJS",
        N_("The local team, once called the youth offending team, that works with children aged "
           "10 to 17 in trouble with the law."),
        ("youth justice service", "youth justice team"),
    ),
    Term(
        "YOT",
        N_("A local team working with children aged 10 to 17 who get into trouble with the law; "
           "most are now called youth justice services."),
        ("youth offending team", "YOS", "youth offending service"),
    ),
    Term(
        "young carer",
        N_("A child or young person who helps look after someone in their family who is ill, "
           "disabled or struggling."),
        ("young carers",),
    ),
)
