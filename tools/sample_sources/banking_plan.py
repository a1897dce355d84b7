# Codebook plan for the banking sample: paradigm class -> category -> concept -> [codes]
PLAN = {
 "causal_conditions": {
  "Rapid response of the bank to the external environment": {
    "Monitoring market signals": ["Tracking competitor offers", "Watching regulatory announcements"],
    "Speed of product adjustment": ["Fast redesign of products", "Shortened approval cycles"],
    "Shifting customer expectations": ["Rising digital expectations", "Demand for instant service"]},
  "Implementation of international standards in customer orientation": {
    "Service quality standards": ["Standardised service procedures", "Service level benchmarks"],
    "Customer data protection norms": ["Privacy and consent rules", "Compliance with data standards"],
    "Benchmarking foreign banks": ["Learning from foreign banks", "International customer charters"]},
  "Social responsibility of the bank": {
    "Financial inclusion": ["Services for underserved groups", "Microloans for small business"],
    "Ethical treatment of customers": ["Transparent fees", "Fair complaint handling"]}},
 "phenomenon": {
  "Determining the management framework": {
    "Integrating CKM and CRM units": ["Joint CKM-CRM committee", "Single customer view"],
    "Ownership of knowledge processes": ["Assigned knowledge owners", "Documented knowledge workflows"],
    "Measuring customer knowledge": ["Knowledge performance indicators", "Customer knowledge audits"]},
  "Manpower supply": {
    "Recruiting customer-minded staff": ["Hiring for service attitude", "Recruiting specialist analysts"],
    "Training in customer knowledge": ["Customer knowledge workshops", "On-the-job coaching"],
    "Retaining experienced staff": ["Turnover of front-line staff", "Career paths for relationship officers"]},
  "Determining strategies": {
    "Customer segmentation strategy": ["Segment-specific service plans", "Identifying profitable customers"],
    "Knowledge-based CRM strategy": ["Written CRM strategy", "Customer knowledge in strategic planning"],
    "Channel strategy": ["Branch versus digital channels", "Consistency across channels"]},
  "Value creation for the customers": {
    "Customised banking solutions": ["Tailored loan packages", "Personal financial advice"],
    "Co-creation with customers": ["Customer ideas in product design", "Customer panels"],
    "Time and cost savings for customers": ["Fewer branch visits", "Lower transaction costs"]}},
 "strategies": {
  "Integrated marketing": {
    "Consistent brand message": ["Unified campaigns", "Aligned branch and online messages"],
    "Relationship marketing": ["Loyalty programmes", "“a named person”"],
    "Marketing and knowledge feedback loop": ["Campaign results fed back", "Customer insight briefs"]},
  "Development of technology and novel banking services": {
    "Digital banking channels": ["Mobile banking app", "Internet banking features"],
    "CRM and analytics systems": ["Central CRM platform", "Customer data analytics"],
    "New service innovation": ["Novel payment services", "Piloting new services"]},
  "Strategic alliance": {
    "Partnerships with fintechs": ["Fintech collaboration", "Shared platforms with start-ups"],
    "Alliances with insurers and merchants": ["Bancassurance agreements", "Merchant partnerships"],
    "Inter-bank cooperation": ["Shared ATM and switch networks", "Joint credit information"]},
  "Delta model": {
    "Total customer solutions": ["Bundled solutions", "Solving customer problems end to end"],
    "System lock-in": ["Embedding the bank in customer systems", "Switching costs"],
    "Best product positioning": ["Product quality leadership", "Competitive pricing"]}},
 "contextual_conditions": {
  "Changing the approach of senior management": {
    "Management commitment to customer knowledge": ["“When the chairman asks every quarter”", "Resources allocated to CKM"],
    "Shift from product to customer focus": ["“We need the customer, not the other way round”", "Moving away from transaction focus"],
    "Participative management": ["Listening to front-line staff", "Delegated decision making"]},
  "Liberalization and deregulation by the government": {
    "Entry of private banks": ["Private bank competition", "New banking licences"],
    "Relaxed rate and fee regulation": ["Freedom in pricing", "Deregulated products"]}},
 "intervening_conditions": {
  "Culture of bank empowerment": {
    "Knowledge sharing culture": ["Staff share customer know-how", "Hoarding of knowledge"],
    "Employee empowerment": ["Authority to resolve complaints", "Encouraging initiative"],
    "Organisational learning": ["Learning from mistakes", "Post-project reviews"]},
  "Dynamic competition": {
    "Competitive pressure on deposits": ["Competition for deposits", "Rate wars"],
    "Customer switching behaviour": ["Customers moving banks", "Multi-banking customers"]}},
 "consequences": {
  "Gaining competitive advantage for the bank": {
    "Market share growth": ["Growth in deposits", "New customer acquisition"],
    "Distinctive capabilities": ["“What they can't copy”", "Reputation for service"],
    "Profitability": ["Higher revenue per customer", "Lower cost to serve"]},
  "Customer satisfaction": {
    "Customer loyalty and retention": ["Repeat business", "Reduced churn"],
    "Perceived service quality": ["Faster service", "Courteous staff"],
    "Customer trust": ["Confidence in the bank", "Word-of-mouth recommendation"]},
  "Strengthening banking services in the community": {
    "Community development": ["Support for local projects", "Financial literacy programmes"],
    "Accessibility of services": ["Rural access and banking agents", "Services for elderly and disabled customers"]}},
}
CORE = "Determining the management framework"
PARTICIPANTS = {  # id: (role group, role, organisation)
 "P01": ("manager", "Head of CRM department", "state bank"),
 "P02": ("manager", "Deputy director of retail banking", "private bank"),
 "P03": ("manager", "Branch manager", "state bank"),
 "P04": ("manager", "Head of marketing", "private bank"),
 "P05": ("manager", "Head of IT strategy", "private bank"),
 "P06": ("manager", "Regional manager", "state bank"),
 "P07": ("staff", "Relationship officer", "private bank"),
 "P08": ("staff", "Customer service clerk", "state bank"),
 "P09": ("staff", "Credit analyst", "private bank"),
 "P10": ("staff", "Call centre supervisor", "private bank"),
 "P11": ("staff", "Digital banking product owner", "state bank"),
 "P12": ("staff", "Training officer", "state bank"),
 "P13": ("academic", "Professor of marketing", "university"),
 "P14": ("academic", "Associate professor of information management", "university"),
 "P15": ("academic", "Assistant professor of banking and finance", "university"),
 "P16": ("academic", "Researcher in knowledge management", "university"),
}
# When each interview took place (2019): theoretical sampling moves between managers, staff
# and academics as categories emerge, so the interview order is not the participant order.
INTERVIEW_DATES = {
 "P01": "2019-04-14", "P03": "2019-04-21", "P07": "2019-04-28", "P02": "2019-05-05",
 "P08": "2019-05-12", "P13": "2019-05-19", "P04": "2019-05-26", "P09": "2019-06-02",
 "P05": "2019-06-09", "P10": "2019-06-16", "P14": "2019-06-23", "P06": "2019-06-30",
 "P11": "2019-07-07", "P15": "2019-07-14", "P12": "2019-07-21", "P16": "2019-07-28",
}
def codes():
    for cls, cats in PLAN.items():
        for cat, concepts in cats.items():
            for concept, cs in concepts.items():
                for c in cs: yield cls, cat, concept, c
if __name__ == "__main__":
    cats = sum(len(c) for c in PLAN.values()); concepts = sum(len(x) for c in PLAN.values() for x in c.values())
    allc = list(codes()); print(cats, concepts, len(allc), len({c[3] for c in allc}))
