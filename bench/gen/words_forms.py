"""The frozen wordings of forms, résumés, leases and catalogue pages (see words.py for the rules:
split by position, append-only)."""

from __future__ import annotations

FORM = {
    "title": ["Rental Application", "Tenancy Application Form", "Application to Rent", "Residential Lease Application",
              "Prospective Tenant Application", "Housing Application", "Application for Tenancy",
              "Rental Housing Application Form"],
    "section_applicant": ["Applicant", "Personal Details", "About You", "Section A - Applicant Information",
                          "1. Your details", "Primary Applicant", "Applicant Information", "Part 1: Personal"],
    "first": ["First Name", "Given Name(s)", "Forename", "First", "Given name", "First name(s)"],
    "middle": ["Middle Name", "Middle Initial", "M.I.", "Middle", "Other Names", "Second name"],
    "last": ["Last Name", "Surname", "Family Name", "Last", "Family name", "Name (last)"],
    "dob": ["Date of Birth", "DOB", "Birth Date", "Born", "D.O.B.", "Date of birth (as on ID)"],
    "email": ["Email", "E-mail Address", "Email ID", "E-Mail", "Email address", "Electronic mail"],
    "phone": ["Phone", "Mobile", "Cell", "Telephone", "Contact No.", "Tel. (day)", "Primary Phone", "Mobile No."],
    "section_address": ["Current Address", "Present Address", "Residential Address", "Home Address",
                        "Where you live now", "Address", "Current Residence", "Your current home"],
    "street": ["Street", "Address Line 1", "House No. & Street", "Street address", "Number and street", "Street/Road"],
    "city": ["City", "Town/City", "Suburb", "City/Town", "Locality", "Town"],
    "region": ["State", "Province", "County", "Region", "State/Province", "Territory"],
    "postal": ["ZIP", "Postcode", "Postal Code", "ZIP Code", "PIN Code", "Post Code"],
    "country": ["Country", "Nation", "Country of residence", "Ctry"],
    "years": ["Years at Address", "How long at this address? (years)", "Time at address (yrs)",
              "Length of residence (years)", "Years lived there", "Duration of stay (years)"],
    "employment": ["Employment Status", "Occupation Status", "Are you currently:", "Work status", "Employment",
                   "Current employment situation"],
    "employer": ["Employer", "Employer Name", "Company Name", "Name of Employer", "Current Employer",
                 "Organisation"],
    "income": ["Monthly Income", "Gross Monthly Income", "Income per month (before tax)", "Monthly Salary",
               "Earnings per month", "Gross pay per month"],
    "pets_q": ["Do you have pets?", "Pets?", "Any pets", "Will any animals live at the property?", "Pet owner",
               "Do you own any animals?"],
    "pet_details": ["If yes, describe", "Pet details", "Type / breed / number", "Details of animals",
                    "Describe your pets", "Pet description"],
    "smoke_q": ["Do you smoke?", "Smoker", "Smoking", "Does anyone in the household smoke?", "Tobacco use",
                "Smoker?"],
    "contact_q": ["Preferred Contact Method", "Best way to reach you", "Contact me by", "Preferred contact",
                  "How should we contact you?", "Contact preference"],
    "consent": ["I authorise a credit and background check.", "I consent to a background / credit check",
                "Permission to verify the information given and obtain a credit report",
                "I agree to tenant screening (credit, references, rental history)",
                "I authorize the landlord to run a consumer credit and criminal background check",
                "Consent to reference and credit checks"],
    "section_emergency": ["Emergency Contact", "In case of emergency", "Next of Kin", "Emergency contact person",
                          "Person to notify", "Emergency details"],
    "ec_name": ["Name", "Full name", "Contact name", "Name of contact"],
    "ec_phone": ["Phone", "Tel", "Contact number", "Phone no."],
    "ec_relation": ["Relationship", "Relation", "Relationship to you", "Relation to applicant"],
    "move_in": ["Desired Move-in Date", "Preferred Start Date", "Move-in date", "Date you wish to move in",
                "Requested tenancy start", "Occupancy date"],
    "signature": ["Signature", "Applicant's signature", "Signed", "Sign here"],
    "sig_date": ["Date", "Signed on", "Date signed", "Signature date", "Dated", "Signing date"],
    "yes": ["Yes", "Y"],
    "no": ["No", "N"],
}
EMPLOYMENT = {
    "employed": ["Employed", "Employed (salaried)", "In employment", "Full-time / part-time employee"],
    "self_employed": ["Self-employed", "Self Employed / Contractor", "Own business", "Freelance"],
    "unemployed": ["Unemployed", "Not working", "Between jobs", "Seeking work"],
    "student": ["Student", "Full-time student", "In education", "Studying"],
    "retired": ["Retired", "Pensioner", "Retired / pension", "Retiree"],
}
CONTACT = {
    "email": ["Email", "E-mail", "Email", "By email"],
    "phone": ["Phone", "Phone call", "Telephone", "Call"],
    "text": ["Text", "SMS", "Text message", "Texting"],
    "mail": ["Mail", "Post", "Letter", "Postal mail"],
}
RELATIONS = ["Mother", "Brother", "Friend", "Spouse", "Sister", "Father", "Colleague", "Partner", "Aunt", "Cousin"]
PETS = ["1 cat (indoor, 4 yrs)", "2 dogs - Beagle and Collie", "Rabbit", "Small dog, 8 kg", "Two budgies",
        "1 Labrador retriever", "Goldfish tank", "Cat x2, neutered"]

RESUME = {
    "skills": ["Skills", "Technical Skills", "Core Competencies", "Key Skills", "Areas of Expertise",
               "Tools & Technologies", "Competencies", "Skill Set", "Expertise", "Toolbox"],
    "experience": ["Experience", "Work History", "Professional Experience", "Employment", "Career History",
                   "Relevant Experience", "Employment History", "Positions Held", "Career", "Work Experience"],
    "education": ["Education", "Academic Background", "Qualifications", "Education & Training",
                  "Academic Qualifications", "Studies", "Education and Certifications", "Learning"],
    "summary": ["Profile", "Summary", "About Me", "Professional Summary", "Objective", "Personal Statement"],
    "present": ["Present", "Current", "to date", "Now", "ongoing", "Today"],
    "email": ["Email:", "E:", "", "Mail:", "e-mail", "Write to:"],
    "phone": ["Phone:", "M:", "", "Mob.", "Tel", "Cell:"],
    "linkedin": ["linkedin.com/in/{h}", "LinkedIn: /in/{h}", "www.linkedin.com/in/{h}", "in/{h}",
                 "https://linkedin.com/in/{h}", "LinkedIn - {h}"],
}
TITLES = ["Data Analyst", "Senior Software Engineer", "Project Manager", "UX Designer", "Financial Controller",
          "Operations Lead", "Marketing Specialist", "DevOps Engineer", "Account Manager", "Research Scientist",
          "Product Owner", "Supply Chain Coordinator", "QA Engineer", "HR Business Partner"]
SKILLS = ["Python", "SQL", "Stakeholder management", "Kubernetes", "Figma", "Financial modelling", "Tableau",
          "Agile / Scrum", "Java", "Excel (advanced)", "Customer success", "Go", "Terraform", "SAP FI/CO",
          "Public speaking", "React", "Negotiation", "Power BI", "Lean Six Sigma", "TypeScript", "Copywriting",
          "Machine learning", "AWS", "People management", "Spanish (fluent)", "GDPR compliance", "C++", "SEO"]
DEGREES = ["BSc Computer Science", "Master of Business Administration", "B.Com (Hons)", "MSc Data Science",
           "BA Economics", "B.Tech Mechanical Engineering", "Diploma in Graphic Design", "MEng Electrical Engineering",
           "Bachelor of Arts in Psychology", "PhD Chemistry", "HND Business", "LLB Law"]
SCHOOLS = ["University of Leeds", "Technische Universität München", "University of Toronto", "IIT Madras",
           "Trinity College Dublin", "Monash University", "ETH Zürich", "Universiteit van Amsterdam",
           "University of Cape Town", "National University of Singapore", "Université de Lyon",
           "Ohio State University"]

LEASE = {
    "title": ["Residential Lease Agreement", "Tenancy Agreement", "Residential Tenancy Agreement", "Rental Agreement",
              "Assured Shorthold Tenancy Agreement", "Lease of Residential Premises", "Apartment Lease",
              "Agreement to Let a Dwelling"],
    "landlord": ["Landlord", "Lessor", "Owner", "Proprietor", "Owner-Landlord", "Housing Provider"],
    "tenant": ["Tenant", "Lessee", "Occupant", "Resident", "Renter", "Tenant-Occupier"],
    "premises": ["the Premises", "the Property", "the Dwelling", "the Unit", "the Apartment", "the Rented Premises"],
    "rent_word": ["Rent", "Monthly Rent", "Rental", "Base Rent", "Rental payment", "Rent amount"],
    "deposit_word": ["security deposit", "bond", "damage deposit", "deposit", "rental bond", "security"],
}
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "twenty-one", "twenty-two", "twenty-three", "twenty-four", "twenty-five", "twenty-six",
                "twenty-seven", "twenty-eight", "twenty-nine", "thirty", "thirty-one", "thirty-two", "thirty-three",
                "thirty-four", "thirty-five", "thirty-six"]

CATALOG = {
    "sku": ["SKU", "Art. No.", "Item #", "Ref.", "Article number", "Product code", "Model", "Code", "Part No.",
            "Style No."],
    "price": ["Price", "RRP", "List price", "MSRP", "Our price", "From", "Price (incl. VAT)", "Retail",
              "Unit price", "Now"],
    "dimensions": ["Dimensions", "Size", "Measurements", "W x D x H", "Overall size", "Dims."],
    "weight": ["Weight", "Net weight", "Wt.", "Item weight", "Weighs", "Product weight"],
    "colors": ["Colours", "Available in", "Finishes", "Colors", "Colour options", "Shown in"],
    "warranty": ["{n}-year warranty", "Guarantee: {n} years", "Warranty {n} yrs", "{n} year guarantee",
                 "Manufacturer's warranty: {n} years", "{n} years' cover"],
    "in_stock": ["In stock", "Available now", "Ships in 24h", "Ready to ship", "Stock: available",
                 "In stock - ships today"],
    "not_in_stock": ["Made to order", "Sold out", "Backordered", "Out of stock", "Pre-order",
                     "Made to order - 8 weeks"],
}
CATEGORY_WORDS = {  # the schema's enum value → how a catalogue names the section
    "Furniture": ["Furniture", "Seating & Tables", "Living Room", "Home Furniture", "FURNITURE", "Chairs & Desks"],
    "Lighting": ["Lighting", "Lamps & Lights", "Light", "Illumination", "LIGHTING", "Lamps"],
    "Kitchen": ["Kitchen", "Cookware", "Cook & Dine", "Kitchenware", "KITCHEN", "Dining & Kitchen"],
    "Outdoor": ["Outdoor", "Garden", "Patio & Garden", "Outdoor Living", "OUTDOOR", "Terrace"],
    "Textiles": ["Textiles", "Soft Furnishings", "Rugs & Throws", "Home Textiles", "TEXTILES", "Linen"],
    "Storage": ["Storage", "Shelving & Storage", "Organisation", "Storage Solutions", "STORAGE", "Cabinets"],
}
PRODUCTS = {
    "Furniture": ["Oak Dining Chair", "Linen Armchair", "Walnut Side Table", "Standing Desk", "Bar Stool"],
    "Lighting": ["Brass Floor Lamp", "Pendant Shade", "Wall Sconce", "Desk Lamp", "Globe Lantern"],
    "Kitchen": ["Cast Iron Skillet", "Ceramic Bowl Set", "Knife Block", "Enamel Casserole", "Spice Rack"],
    "Outdoor": ["Teak Bench", "Folding Bistro Table", "Parasol", "Rattan Lounger", "Planter Box"],
    "Textiles": ["Wool Throw", "Jute Rug", "Velvet Cushion", "Linen Duvet Cover", "Blackout Curtain"],
    "Storage": ["Modular Shelf", "Storage Basket", "Shoe Cabinet", "Wardrobe", "Chest of Drawers"],
}
PRODUCT_WORDS = ["Nord", "Alba", "Kato", "Sienna", "Fjord", "Mira", "Oslo", "Tamsin", "Rhea", "Brisa", "Ulla",
                 "Corvo"]
COLOURS = ["Sage", "Ink Blue", "Oatmeal", "Terracotta", "Graphite", "Natural Oak", "Mustard", "Chalk White",
           "Forest", "Smoked Walnut", "Blush", "Anthracite", "Sand", "Rust", "Pebble Grey", "Black"]
