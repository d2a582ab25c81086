// The demo page's services: groups of what a real IT department runs, and two top-level services.

export interface ServiceSpec {
  name: string;
  description: string;
  showcase?: boolean;
  onlyShowIfDegraded?: boolean;
  /** Days ago the service went live (shown as "no data" before); default: long ago. */
  liveDaysAgo?: number;
}

export const GROUPS: { name: string; description: string; services: ServiceSpec[] }[] = [
  {
    name: "Email & Collaboration",
    description: "Mail, calendars, chat, meetings and shared files.",
    services: [
      { name: "Email", description: "Sending and receiving mail, in Outlook and on phones." },
      { name: "Webmail", description: "Browser access to staff mailboxes." },
      { name: "Chat & Meetings", description: "Team chat, calls and video meetings." },
      { name: "File Sharing", description: "Shared drives and document links." },
    ],
  },
  {
    name: "Network & Remote Access",
    description: "Getting connected, on site and from home.",
    services: [
      { name: "VPN", description: "Remote access to internal systems from outside the office." },
      { name: "Wi-Fi", description: "Staff and guest wireless networks in every building." },
      { name: "Internet Connectivity", description: "The link from our sites to the internet." },
    ],
  },
  {
    name: "Business Applications",
    description: "The systems the organisation runs on.",
    services: [
      { name: "Finance (ERP)", description: "Purchasing, invoices and the general ledger." },
      { name: "HR Portal", description: "Leave requests, payslips and personal details.", liveDaysAgo: 40 },
      { name: "Payroll", description: "Monthly payroll processing." },
      { name: "CRM", description: "Customer records, cases and campaigns." },
    ],
  },
  {
    name: "Service Desk",
    description: "How to reach IT when something is wrong.",
    services: [
      { name: "Phone Line", description: "The IT help line, staffed 07:00-19:00 on weekdays." },
      { name: "Self-Service Portal", description: "Raise and follow tickets, reset passwords." },
      { name: "Ticketing System", description: "The system the Service Desk works tickets in." },
    ],
  },
];

export const TOP_LEVEL: ServiceSpec[] = [
  { name: "Single Sign-On", description: "One login for every staff application." },
  {
    name: "Printing",
    description: "Follow-me printing on every floor.",
    showcase: false,
    onlyShowIfDegraded: true,
  },
];
