# Coding plan for the CRM sample: code -> (concept, seci, knowledge, {interviewee: references})
PLAN = {
 # Operational CRM (category facet crm=operational)
 "Agents advise callers on products and repairs": ("Call centre", "socialization", "for", {"B":3, "H":1, "K":2}),
 "Learning customer needs on calls": ("Call centre", "socialization", "about", {"B":2, "I":2, "N":2}),
 "Callers voice complaints and suggestions": ("Call centre", "socialization", "from", {"B":2, "J":1, "H":2}),
 "Customer requests captured in service tickets": ("Call centre", "externalization", "from", {"B":1}),
 "Agents learn answers from scripts and FAQs": ("Call centre", "internalization", "for", {"B":1, "I":1}),
 "Staff advise shoppers at the till": ("Point of sale", "socialization", "for", {"J":2}),
 "Purchase history recorded at the point of sale": ("Point of sale", "externalization", "about", {"J":2, "H":1, "I":2}),
 "Store sales summaries from POS data": ("Point of sale", "combination", "about", {"J":2, "I":1}),
 "Campaign e-mails sent by marketing automation": ("Marketing automation", "externalization", "for", {"E":2, "N":1}),
 "Merged contact lists for targeted mailings": ("Marketing automation", "combination", "for", {"E":1, "K":1}),
 "Call notes logged in the customer record": ("Customer database", "externalization", "about", {"B":1, "C":2, "K":1}),
 "Reports pulled from the customer database": ("Customer database", "combination", "about", {"E":2, "C":2, "N":2}),
 "Reading customer history before a contact": ("Customer database", "internalization", "about", {"B":2, "J":1, "K":2, "H":2}),
 # Analytical CRM
 "Segmentation and lifetime value analysis": ("Data warehouse", "combination", "about", {"E":5, "A":3, "B":2}),
 "Mining purchase patterns": ("Data mining", "combination", "about", {"E":4, "J":1, "B":2}),
 "Spreadsheet analysis of customer data": ("Excel analysis", "combination", "about", {"D":3, "F":4, "G":4, "K":1, "N":2}),
 "Progress analyses returned to clients": ("Excel analysis", "internalization", "for", {"F":1}),
 "Learning from analytical reports": ("Data warehouse", "internalization", "about", {"E":2, "J":2, "A":2, "D":2}),
 "Reading spreadsheet dashboards": ("Excel analysis", "internalization", "about", {"G":2, "H":2, "I":1, "N":2}),
 "Learning from analysed customer feedback": ("Data warehouse", "internalization", "from", {"D":1}),
 # Collaborative CRM
 "Webinars with customers": ("Conferencing", "socialization", "for", {"K":1}),
 "Conference calls to share customer experiences": ("Conferencing", "socialization", "about", {"H":3, "J":2, "I":2, "E":1, "N":2, "D":1}),
 "Video sessions to hear customers": ("Conferencing", "socialization", "from", {"C":1}),
 "Product information and tutorials on the website": ("Website and social media", "externalization", "for", {"B":2, "E":2, "C":2, "D":2, "K":2}),
 "Customer discussion in online forums": ("Website and social media", "externalization", "about", {"F":2, "G":2, "C":2}),
 "Customer comments on social media": ("Website and social media", "externalization", "from", {"D":1, "F":1}),
 "Customers learn from website materials": ("Website and social media", "internalization", "for", {"B":1, "C":2, "H":1, "K":2}),
 "E-mail promotions and loyalty messages": ("E-mail and messaging", "externalization", "for", {"D":3, "F":2, "N":2}),
 "Suggestions sent by e-mail and instant messaging": ("E-mail and messaging", "externalization", "about", {"A":2, "I":2, "C":1, "N":2, "G":1}),
 "Learning from internal newsletters": ("E-mail and messaging", "internalization", "about", {"F":1, "G":1, "K":1, "A":1}),
 "Sharing customer experiences on portals": ("Departmental portals", "externalization", "about", {"B":2, "E":1, "H":2, "I":2, "A":1, "K":2}),
 "Publishing survey results and feedback": ("Departmental portals", "externalization", "from", {"B":1, "E":2, "D":1}),
 "Analysing survey results on the portal": ("Departmental portals", "combination", "about", {"E":1, "G":2}),
 "Online courses on the portal": ("Departmental portals", "internalization", "for", {"A":2, "I":1, "C":2}),
 "Learning from intranet reports and best practices": ("Departmental portals", "internalization", "about", {"J":3, "H":2, "N":2, "C":1, "A":1, "F":1}),
 "Reading customer feedback on the portal": ("Departmental portals", "internalization", "from", {"B":2, "J":1, "H":1, "I":1}),
}
CONCEPT_CRM = {"Call centre":"operational","Point of sale":"operational","Marketing automation":"operational","Customer database":"operational",
  "Data warehouse":"analytical","Data mining":"analytical","Excel analysis":"analytical",
  "Conferencing":"collaborative","Website and social media":"collaborative","E-mail and messaging":"collaborative","Departmental portals":"collaborative"}
if __name__ == "__main__":
    import collections
    per = collections.defaultdict(list); total=0
    for code,(concept,s,k,alloc) in PLAN.items():
        for p,n in alloc.items(): per[p].append((code,concept,n)); total+=n
    print("total", total)
    for p in sorted(per): print(p, sum(n for *_ ,n in per[p]), per[p])
