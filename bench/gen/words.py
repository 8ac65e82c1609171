"""The frozen wordings: labels, column headers and headings, written once from business documents
of many countries (US, UK, EU, India, Australia, ...), not from the dev set or the engine.

Every list is split by position (develop even, frozen odd; see the package docstring), so each list
is ordered to give both halves a mix of plain words, qualified ones and abbreviations. Lists are
append-only: never reorder or delete an entry, or both splits change.
"""

from __future__ import annotations

# how a label is set: its case, and what follows it
LABEL_CASE = ["as_is", "upper", "title", "lower"]
LABEL_END = [":", "", " :", " -"]


def styled(label: str, case: str, end: str) -> str:
    text = {"upper": label.upper(), "lower": label.lower(), "title": label.title()}.get(case, label)
    return text if text.endswith(":") or not end else text + end


INVOICE = {
    "title": ["INVOICE", "Tax Invoice", "Sales Invoice", "VAT Invoice", "Invoice", "Commercial Invoice",
              "Billing Document", "INVOICE / BILL"],
    "number": ["Invoice No.", "Invoice Reference No.", "Inv #", "Bill No.", "Invoice Number", "Document No.",
               "Invoice ID", "Ref. No.", "Our Invoice No.", "Invoice Serial No.", "No.", "Invoice Ref"],
    "date": ["Invoice Date", "Date of Issue", "Issued", "Billing Date", "Date", "Issue date", "Tax Point",
             "Dated", "Invoice Date / Tax Point", "Document Date", "Date Issued", "Bill Date"],
    "due": ["Due Date", "Payment Due", "Pay By", "Please pay by", "Due", "Payable by", "Settlement Date",
            "Due On", "Last Date for Payment", "Payment Deadline", "Remit By", "Payment Due Date"],
    "po": ["PO Number", "Your Order No.", "Customer PO", "Purchase Order", "Your Ref.", "Order Reference",
           "P.O. #", "Client Order No.", "Buyer's Order No.", "PO Ref", "Your Purchase Order", "Cust. Order #"],
    "customer_no": ["Customer No.", "Account No.", "Client ID", "Customer Code", "Debtor No.", "Acct #",
                    "Customer Account", "Client Number"],
    "bill_to": ["Bill To", "Invoice To", "Billed To", "Customer", "Sold To", "Client", "Invoice Address", "To",
                "Buyer", "Charge To", "Recipient", "Addressed To"],
    "ship_to": ["Ship To", "Deliver To", "Delivery Address", "Consignee", "Shipping Address", "Goods Delivered To",
                "Ship-to Party", "Site Address"],
    "vendor": ["From", "Supplier", "Seller", "Issued By", "Vendor", "Payee", "Sold By", "Service Provider"],
    "subtotal": ["Subtotal", "Net Amount", "Total excl. VAT", "Sub-Total", "Goods Total", "Net Total",
                 "Total before Tax", "Taxable Amount", "Amount excl. Tax", "Total Net", "Net Value",
                 "Merchandise Total"],
    "total": ["Total", "Amount Due", "Total Amount Payable (incl. VAT)", "Grand Total", "Balance Due", "Total Due",
              "Invoice Total", "Total to Pay", "Amount Payable", "TOTAL DUE", "Please Pay", "Total incl. Tax",
              "Gross Amount", "Total Payable"],
    "currency": ["Currency", "All amounts in", "Amounts shown in", "Invoice currency", "Billing currency",
                 "Prices in"],
}

COLUMNS = {
    "code": ["Item Code", "SKU", "Part No.", "Article", "Ref", "Product Code", "Item #", "Cat. No.", "Code",
             "Art. No.", "Material", "Stock Code"],
    "description": ["Description", "Item", "Details", "Particulars", "Product / Service", "Goods", "Service",
                    "Designation", "Line Description", "Item Description", "Article Description",
                    "Description of Goods"],
    "quantity": ["Qty", "Quantity", "Units", "Qty.", "Hours", "Pcs", "No.", "Nos.", "Count", "Vol.",
                 "Qty Shipped", "Quant."],
    "unit_price": ["Unit Price", "Rate", "Price", "Price/Unit", "Unit Cost", "Each", "Unit Rate",
                   "Price per Unit", "Net Price", "Cost", "U/P", "Price Each"],
    "amount": ["Amount", "Line Total", "Total", "Net Amount", "Ext. Price", "Value", "Net", "Extended", "Sum",
               "Line Value", "Total Price", "Amount excl. Tax"],
    "unit": ["Unit", "UOM", "U/M", "Unit of Measure", "Pack", "UoM", "Meas.", "Unit Type"],
    "line_no": ["#", "Line", "Pos.", "Item", "S. No.", "Ln"],
}

PO = {
    "title": ["PURCHASE ORDER", "Supplier Order", "Order", "Official Order", "P.O.", "Purchase Order Form",
              "Buying Order", "Local Purchase Order"],
    "number": ["PO No.", "Purchase Order #", "Order Number", "P.O. Number", "Order No.", "PO Ref.",
               "Purchase Order No.", "Our Order Ref.", "Order ID", "PO Reference", "Indent No.", "Order #"],
    "date": ["Order Date", "PO Date", "Date Ordered", "Date", "Issued", "Date of Order", "Raised On", "Placed",
             "Order Placed", "Created", "Issue Date", "Ordered On"],
    "delivery": ["Delivery Date", "Required By", "Deliver By", "Need By", "Requested Delivery",
                 "Expected Delivery", "Ship Date", "Required Date", "Delivery Required", "Wanted By",
                 "Latest Delivery", "Date Required"],
    "buyer": ["Buyer", "Ordered By", "Purchaser", "Bill To", "Invoice To", "From", "Customer", "Issued By",
              "Purchasing Company", "Requisitioner"],
    "supplier": ["Vendor", "Supplier", "To", "Order To", "Seller", "Supplier Details", "Vendor Address",
                 "Issued To", "Provider", "Manufacturer"],
    "ship_to": ["Ship To", "Deliver To", "Delivery Address", "Consignee", "Delivery Location", "Ship-to Address",
                "Site Address", "Goods To", "Receiving Dock", "Deliver Goods To"],
    "terms": ["Payment Terms", "Terms", "Terms of Payment", "Payment", "Credit Terms", "Settlement Terms",
              "Pay Terms", "Payment Conditions"],
    "shipping": ["Shipping", "Freight", "Delivery", "Carriage", "Shipping & Handling", "Postage", "Transport",
                 "Delivery Charge", "Freight Charges", "Handling"],
    "subtotal": INVOICE["subtotal"],
    "total": ["Order Total", "Total", "Grand Total", "Total Order Value", "PO Total", "Total Amount",
              "Total (incl. tax)", "Order Value", "Amount of Order", "Net Order Total", "Total Value", "Sum Total"],
}

TERMS = {  # the schema's enum value → wordings that mean it
    "Net 15": ["Net 15", "15 days net", "Net 15 days", "Payment within 15 days", "15 Days", "N15"],
    "Net 30": ["Net 30", "30 days net", "Net 30 days", "Payment within 30 days of invoice", "30 Days", "N30"],
    "Net 45": ["Net 45", "45 days net", "Net 45 days", "Payable within 45 days", "45 Days", "N45"],
    "Net 60": ["Net 60", "60 days net", "Net 60 days", "Payment within 60 days of invoice date", "60 Days", "N60"],
    "Due on receipt": ["Due on receipt", "Payable on receipt", "Immediate", "Payment due upon receipt",
                       "Upon receipt", "Pay immediately"],
    "2/10 Net 30": ["2/10 Net 30", "2% 10 days, net 30", "2/10 n/30", "2% discount if paid within 10 days, net 30",
                    "2/10, N/30", "2% 10, Net 30"],
}

RECEIPT = {
    "phone": ["Tel", "Phone", "Ph:", "T.", "Tel.", "Call", "Telephone", "Phone No"],
    "number": ["Receipt #", "Trans", "Txn No.", "Ticket", "Bill No", "Invoice No.", "Receipt No.", "Sale #",
               "Docket", "Order #", "Check #", "Transaction ID"],
    "date": ["Date", "Txn date", "Dt", "Date/Time", "Sale date", "Day"],
    "time": ["Time", "Tm", "at", "Hr", "Sale time", "Time of sale"],
    "subtotal": ["Subtotal", "Sub Total", "Net", "Items Total", "Total before tax", "SUBTTL", "Merchandise",
                 "Sale Subtotal", "Total Items", "Amount"],
    "tax": ["Tax", "Tax Total", "TAX", "Total Tax", "Taxes", "Tax Amount"],
    "tip": ["Tip", "Gratuity", "Tip Amount", "Service tip", "Gratuity (added)", "Tips"],
    "total": ["TOTAL", "Amount Due", "Balance Due", "Total Due", "TO PAY", "Grand Total", "Total Sale", "AMOUNT",
              "Sale Total", "Total (incl. VAT)", "Total to pay", "Payable"],
    "change": ["Change", "CHANGE DUE", "Change Given", "Your Change"],
    "tendered": ["Tendered", "Cash Tend", "Amount Tendered", "Paid"],
    "thanks": ["Thank you for shopping with us!", "THANK YOU - PLEASE COME AGAIN", "Thanks for your visit",
               "Keep this receipt for returns", "See you soon!", "No refund without receipt"],
}

PAYMENTS = {  # enum value → wordings printed for it
    "credit_card": ["VISA", "MASTERCARD", "AMEX", "Credit Card", "CREDIT", "MC CREDIT", "Visa Credit", "DINERS"],
    "debit_card": ["DEBIT", "Debit Card", "EFTPOS", "Maestro", "Interac", "Girocard", "Visa Debit", "DEBIT MC"],
    "mobile_payment": ["Apple Pay", "Google Pay", "Mobile Wallet", "Samsung Pay", "UPI", "TWINT"],
    "cash": ["CASH", "Cash Tendered", "Cash Paid", "Notes & coins", "CASH PAYMENT", "Paid in cash"],
    "gift_card": ["Gift Card", "Gift Voucher", "GIFT CERT", "eGift", "Store Gift Card", "Voucher"],
}
CARD_DIGITS = ["**** **** **** {d}", "XXXX{d}", "Card ending {d}", "************{d}", "ending in {d}", "xxxx xxxx {d}"]

BANK = {
    "title": ["Statement of Account", "Account Statement", "Bank Statement", "Current Account Statement",
              "Monthly Statement", "Your Statement", "Checking Account Statement", "Statement"],
    "holder": ["Account Holder", "Account Name", "Customer", "Prepared for", "Name", "Statement for",
               "Account Owner", "Client"],
    "number": ["Account Number", "Account No.", "Acct #", "A/C No.", "Account", "Acc. No.", "Account no",
               "Your account"],
    "period": ["Statement Period", "Period", "Statement Dates", "For the period", "Covering", "Statement from",
               "Period covered", "Dates"],
    "opening": ["Opening Balance", "Balance Brought Forward", "Previous Balance", "Starting Balance",
                "Beginning Balance", "Balance at start of period", "Opening", "Balance b/f", "Start balance",
                "Balance last statement"],
    "closing": ["Closing Balance", "Ending Balance", "New Balance", "Balance Carried Forward",
                "Balance at end of period", "Closing", "Balance c/f", "End balance", "Final Balance",
                "Balance this statement"],
    "credits": ["Total Credits", "Money In", "Deposits", "Paid In", "Total Deposits", "Credits",
                "Total money in", "Additions", "Deposits & Other Credits", "Inflows"],
    "debits": ["Total Debits", "Money Out", "Withdrawals", "Paid Out", "Total Withdrawals", "Debits",
               "Total money out", "Subtractions", "Withdrawals & Other Debits", "Outflows"],
    "col_date": ["Date", "Posting Date", "Value Date", "Txn Date", "Booking Date", "Trans. Date", "Posted",
                 "Entry Date", "Date Posted", "Book. Date"],
    "col_desc": ["Description", "Details", "Transaction", "Particulars", "Narrative", "Payee / Memo",
                 "Transaction Details", "Reference", "Activity", "Narration"],
    "col_debit": ["Debit", "Withdrawals", "Paid Out", "Money Out", "Debits", "Dr", "Payments", "Out",
                  "Withdrawal", "Charges"],
    "col_credit": ["Credit", "Deposits", "Paid In", "Money In", "Credits", "Cr", "Receipts", "In", "Deposit",
                   "Lodgements"],
    "col_amount": ["Amount", "Value", "Transaction Amount", "Amount (+/-)", "Net", "Change"],
    "col_balance": ["Balance", "Running Balance", "Ledger Balance", "Bal.", "Balance After", "Account Balance"],
    "forward": ["BALANCE BROUGHT FORWARD", "Opening balance", "Balance forward", "Brought forward", "B/F BALANCE",
                "Previous statement balance"],
    "carried": ["Balance carried forward", "CARRIED FORWARD", "Continued on next page", "Balance c/f",
                "Subtotal this page", "To next page"],
}
BANK_OUT = ["Card purchase TESCO EXPRESS", "DIRECT DEBIT COUNCIL TAX", "ATM withdrawal", "Transfer to savings",
            "POS REWE MARKT", "Standing order rent", "Online payment ELECTRIC CO", "Mobile top-up",
            "Monthly account fee", "Contactless COSTA COFFEE", "Insurance premium", "Gym membership", "Pharmacy",
            "Fuel station", "Streaming subscription", "Water utility direct debit", "Restaurant", "Hardware store",
            "Bookshop card payment", "Parking meter", "UPI payment to grocer", "Cheque 000412 presented"]
BANK_IN = ["Salary ACME HOLDINGS", "Interest paid", "SEPA credit transfer", "Card refund AMAZON MKTPLACE",
           "Cheque deposit", "Payroll deposit", "Wire transfer received", "Bank transfer from J. Smith", "Tax refund",
           "Cash deposit at branch", "Dividend payment", "Rent received"]

UTILITY = {
    "title": ["Electricity Bill", "Your Energy Statement", "Tax Invoice - Electricity", "Water & Sewer Bill",
              "Gas Bill", "Utility Statement", "Energy Account", "Statement of Charges"],
    "account": ["Account Number", "Customer Reference", "Account No.", "Customer No.", "Acct", "Contract Account",
                "Your account number", "Consumer No."],
    "bill_date": ["Bill Date", "Date of Bill", "Issue Date", "Statement Date", "Invoice Date", "Billed On",
                  "Date issued", "Printed on"],
    "due": ["Due Date", "Pay by", "Payment Due", "Due", "Please pay by", "Amount due by", "Direct debit on",
            "Pay before"],
    "service_address": ["Service Address", "Supply Address", "Premises", "Property", "Installation Address",
                        "Site", "Supply point address", "Connection address"],
    "period": ["Billing Period", "Period", "Service Period", "For the period", "Usage period", "Bill period",
               "Reading period", "Supply period"],
    "meter": ["Meter No.", "Meter Number", "Meter Serial", "MPRN", "Meter ID", "NMI / Meter", "Meter", "Device No."],
    "usage": ["Usage", "Consumption", "Units Used", "Total Usage", "Energy Used", "Quantity", "Units consumed",
              "Total Consumption"],
    "previous": ["Previous Balance", "Balance from last bill", "Last Bill", "Opening Balance",
                 "Balance brought forward",
                 "Previous Amount", "Amount of last bill", "Balance b/f"],
    "payment": ["Payment Received - Thank You", "Payments", "Paid", "Payment received", "Less payments",
                "Received with thanks", "Payment", "Credits received"],
    "amount_due": ["Amount Due", "Total Amount Due", "Total to Pay", "Please Pay", "Balance Due", "Total Due",
                   "Amount Payable", "New balance", "Total Payable Now", "Pay this amount"],
    "charges_heading": ["Charges this period", "Your charges", "Current Charges", "Breakdown of charges",
                        "Details of Charges", "This bill", "New charges", "Summary of charges"],
    "customer": ["Account Holder", "Customer", "Customer Name", "Bill To", "Name", "Account Name"],
}
USAGE_CHARGES = ["Usage charge", "Consumption", "Energy charge", "Volume charge", "Units used", "Metered usage",
                 "Supply used", "Consumption charge"]
UTILITY_CHARGES = ["Supply charge", "Standing charge", "Network charge", "Sewerage charge", "Meter rental",
                   "Environmental levy", "Carbon levy", "Service availability charge", "Green energy contribution",
                   "Fixed charge", "Distribution charge", "Daily supply charge"]

PAYSLIP = {
    "title": ["PAYSLIP", "Pay Statement", "Earnings Statement", "Salary Slip", "Pay Advice", "Wage Slip",
              "Statement of Earnings and Deductions", "Remuneration Statement"],
    "employee": ["Employee", "Employee Name", "Name", "Staff Member", "Payee", "Employee name"],
    "employee_id": ["Employee ID", "Emp. No.", "Staff No.", "Employee Number", "Payroll No.", "Personnel No.",
                    "Emp Code", "Worker ID"],
    "pay_date": ["Pay Date", "Payment Date", "Paid On", "Date Paid", "Pay Day", "Credited On", "Bank credit date",
                 "Deposit Date"],
    "period": ["Pay Period", "Period", "Pay Period Dates", "Period of", "Salary Month", "Period Covered",
               "For the period", "Pay cycle"],
    "gross": ["Gross Pay", "Total Earnings", "Gross", "Gross Salary", "Total Gross", "Gross Earnings",
              "Total Payments", "Gross Wages"],
    "deductions_total": ["Total Deductions", "Deductions Total", "Total Deducted", "Less: Deductions",
                         "Total Withholdings", "Deductions"],
    "net": ["Net Pay", "Take Home Pay", "Net Salary", "Amount Paid", "Net Amount", "Net Payment", "Net Payable",
            "Paid to Bank"],
    "ytd_gross": ["YTD Gross", "Gross to Date", "Year-to-Date Gross", "Taxable Pay YTD", "Gross YTD",
                  "Total Gross This Year"],
    "earnings_heading": ["Earnings", "Payments", "Pay Components", "Earnings & Allowances", "Income",
                         "Additions"],
    "deductions_heading": ["Deductions", "Withholdings", "Less", "Deductions & Contributions", "Taxes & Deductions",
                           "Statutory Deductions"],
    "col_hours": ["Hours", "Units", "Hrs", "Qty", "Days", "Time"],
    "col_rate": ["Rate", "Hourly Rate", "Rate/Hr", "Unit Rate", "Per Hour", "Rate per Unit"],
    "col_amount": ["Amount", "Current", "This Period", "Value", "Total", "Current Period"],
}
EARNINGS = ["Basic Salary", "Regular Hours", "Overtime 1.5x", "Shift Allowance", "Bonus", "Holiday Pay",
            "Commission", "Travel Allowance", "Overtime", "Night Premium"]
DEDUCTIONS = ["Income Tax", "Federal Income Tax", "National Insurance", "PAYE Tax", "Pension", "Social Security",
              "Provident Fund", "Medicare", "Health Insurance", "Professional Tax", "Union Dues", "Superannuation",
              "Student Loan", "State Tax"]

DELIVERY = {
    "title": ["DELIVERY NOTE", "Packing Slip", "Delivery Docket", "Dispatch Note", "Goods Received Note",
              "Delivery Receipt", "Packing List", "Consignment Note"],
    "number": ["Delivery Note No.", "Packing Slip #", "Docket No.", "Dispatch No.", "DN Number", "Delivery No.",
               "Shipment No.", "Note No."],
    "date": ["Delivery Date", "Dispatch Date", "Date Shipped", "Date", "Shipped On", "Delivered On",
             "Despatch Date", "Date of Delivery"],
    "order": ["Order Ref.", "Your PO", "Sales Order", "Customer Order No.", "Order Number", "PO #",
              "Your Reference", "SO No."],
    "supplier": ["From", "Shipper", "Supplier", "Sender", "Dispatched By", "Consignor"],
    "ship_to": ["Deliver To", "Ship To", "Consignee", "Delivery Address", "Recipient", "Receiver"],
    "carrier": ["Carrier", "Shipped Via", "Courier", "Transporter", "Forwarder", "Haulier"],
    "tracking": ["Tracking No.", "Tracking Number", "Consignment No.", "Waybill", "AWB No.", "Track & Trace"],
    "packages": ["Packages", "No. of Cartons", "Total Packages", "Parcels", "Pieces", "No. of Pkgs"],
    "weight": ["Gross Weight", "Total Weight", "Weight (kg)", "Gross Wt.", "Shipment Weight", "Wt."],
    "col_ordered": ["Ordered", "Qty Ordered", "Order Qty", "Ord.", "Qty Req.", "Requested"],
    "col_delivered": ["Delivered", "Qty Shipped", "Shipped", "Del. Qty", "Qty Supplied", "Despatched"],
    "invoice_to": ["Invoice To", "Bill To", "Invoice Address", "Billing Address", "Charge To", "Accounts Payable"],
    "received": ["Received in good condition by", "Signature of receiver", "Goods received by", "Received by",
                 "Consignee signature", "Signed for by"],
}
CARRIERS = ["DHL Express", "UPS Ground", "FedEx Economy", "DPD", "Royal Mail Tracked", "TNT", "Own vehicle",
            "PostNL", "Blue Dart", "StarTrack", "Canada Post", "GLS"]
