import type { Competency } from '@journeycraft/schema';
import { define } from './define.js';
import type { CompetencySpec } from './define.js';

const what = (spec: CompetencySpec): Competency => define('what', spec);

/** WHAT competencies: tasks, product and service knowledge, systems and technical skill. */
export const whatCompetencies: readonly Competency[] = [
  what({
    id: 'product-service-knowledge',
    name: 'Product and service knowledge',
    category: 'Product and service knowledge',
    definition:
      'Knows what the organisation sells and delivers (features, limits, prices, conditions, and how one offer differs from another) and uses that knowledge accurately with customers.',
    levels: [
      [
        'Answers routine questions about the core products using the reference guide.',
        'Passes questions outside the core range to a colleague instead of guessing.',
      ],
      [
        'Answers common questions about the current range without looking them up.',
        'Quotes prices, terms and eligibility rules that match the published rate card.',
        'Tells the customer plainly when a product cannot do what they need.',
      ],
      [
        'Compares two or more products against the needs the customer has stated and recommends one, giving the reason.',
        "Explains how a recent product or price change affects the customer's own order or account.",
        'Finds the answer to an unfamiliar product question in official sources during the same contact.',
      ],
      [
        'Answers questions about edge cases, discontinued products and combinations of products correctly.',
        'Answers product questions from colleagues within the same shift.',
        'Reports errors in product documentation together with a proposed correction.',
      ],
      [
        'Writes or reviews the product guides and training material the team uses.',
        'Briefs the team on launches and changes before they go live and checks understanding with a short walk-through.',
        'Sends recurring customer questions and product gaps to product owners with examples and counts.',
      ],
    ],
  }),
  what({
    id: 'customer-onboarding',
    name: 'Setting customers up',
    category: 'Product and service knowledge',
    definition:
      'Takes a new customer from purchase to first successful use: activation, set-up, first-use guidance and a check that it worked.',
    levels: [
      [
        'Completes the set-up checklist for a standard new customer with support.',
        'Tells the customer what will happen next and when.',
      ],
      [
        'Completes standard activations without help and without missed steps.',
        'Shows the customer the two or three things they will use first and watches them try one.',
        'Books or sends a follow-up check when the checklist says to.',
      ],
      [
        'Adapts the set-up to what the customer says they want to do first.',
        'Spots a set-up that has not worked (no first use, failed activation) from the records and contacts the customer.',
        'Records what the customer was shown so the next person can build on it.',
      ],
      [
        'Handles complex set-ups (several users, data migration, special configurations) from start to finish.',
        'Identifies the set-up steps where customers most often get stuck and raises them with the team lead.',
      ],
      [
        'Redesigns the set-up checklist or welcome material and measures the change in early contacts or cancellations.',
        'Trains colleagues on set-up and reviews a sample of their set-ups each month.',
      ],
    ],
  }),
  what({
    id: 'needs-based-recommendation',
    name: 'Needs-based recommendation',
    category: 'Product and service knowledge',
    definition:
      'Finds out what the customer is trying to achieve before proposing anything, and recommends only what fits that need.',
    levels: [
      [
        'Asks the questions on the needs checklist before naming a product.',
        'Offers the product the guide suggests for the need the customer stated.',
      ],
      [
        'Asks at least two open questions about use, budget or timing before recommending.',
        "Links each recommendation to something the customer said, in the customer's words.",
      ],
      [
        'Recommends a cheaper or simpler option when it meets the need, and says so.',
        'Summarises the need back to the customer and gets agreement before proposing.',
        'Records the stated need and the reason for the recommendation.',
      ],
      [
        'Builds a combined proposal for customers with several needs and explains the trade-offs between options.',
        'Reviews their own sales records for products returned or cancelled early and changes how they question.',
      ],
      [
        'Coaches colleagues from recorded conversations on questioning before recommending.',
        'Proposes changes to offers or bundles based on needs customers keep describing that no product meets.',
      ],
    ],
  }),
  what({
    id: 'order-billing-systems',
    name: 'Order and billing systems',
    category: 'Systems and tools',
    definition:
      'Uses the order, billing and payment systems to look up, create, change and correct orders, invoices and payments accurately.',
    levels: [
      [
        'Looks up an order or invoice by customer, number or date.',
        'Reads the main lines of an invoice (period, charges, taxes, total) back to the customer correctly.',
      ],
      [
        'Creates and changes standard orders with no corrections needed afterwards.',
        'Explains each charge on an invoice, including pro-rata and one-off charges.',
        'Takes and records payments following the payment procedure.',
      ],
      [
        'Corrects billing errors (wrong charge, duplicate charge, missed discount) within their authority, first time.',
        'Traces an order through each system status and tells the customer where it is held up.',
        'Uses workarounds documented for known system faults.',
      ],
      [
        'Resolves disputes that span several invoices or accounts, and documents the calculation.',
        'Finds the cause of a billing error (price set-up, system fault, keying error) and reports it to the owning team.',
      ],
      [
        'Writes or updates the work instructions for order and billing tasks.',
        'Tests system changes before release with real cases and reports defects.',
        'Trains colleagues on the systems and checks their first corrections.',
      ],
    ],
  }),
  what({
    id: 'customer-history-use',
    name: "Using the customer's history",
    category: 'Systems and tools',
    definition:
      'Checks what has already happened with this customer (earlier contacts, orders, open cases, preferences) before acting, so the customer never has to repeat themselves.',
    levels: [
      [
        'Opens the customer record at the start of every contact.',
        'Reads the most recent note before asking the customer why they are contacting us.',
      ],
      [
        'Mentions the earlier contact or open case to the customer without being prompted.',
        'Updates contact details and preferences when the customer gives new ones.',
      ],
      [
        'Spots repeat contacts on the same issue and treats the contact as a follow-up, not a new case.',
        'Uses recorded preferences (channel, language, times to call) in how they respond.',
      ],
      [
        'Reviews the full history of complex or long-running customers and writes a short summary at the top of the record.',
        'Merges duplicate records and fixes wrong data following the data-quality procedure.',
      ],
      [
        'Proposes improvements to what is recorded so that history is easier to use.',
        "Audits a sample of colleagues' contacts for use of history and gives each person specific feedback.",
      ],
    ],
  }),
  what({
    id: 'knowledge-base-use',
    name: 'Finding answers in the knowledge base',
    category: 'Systems and tools',
    definition:
      'Finds, checks and applies the right article, procedure or script quickly, and keeps the shared knowledge accurate.',
    levels: [
      ['Searches the knowledge base with the terms the customer used.', 'Follows the steps of an article in order.'],
      [
        'Finds the right article for common questions within a minute.',
        'Checks the date or version of an article before relying on it.',
      ],
      [
        'Combines several articles to answer a question none covers alone.',
        'Flags an article that is wrong or out of date using the feedback button, saying what is wrong.',
      ],
      [
        'Drafts new articles for questions that keep coming up, in the house template.',
        'Shows colleagues search shortcuts and where to find less obvious content.',
      ],
      [
        'Owns a section of the knowledge base and reviews it on a schedule.',
        'Uses search and feedback data to decide which articles to write, merge or retire.',
      ],
    ],
  }),
  what({
    id: 'multichannel-tools',
    name: 'Channel tools',
    category: 'Systems and tools',
    definition:
      'Handles customers competently in each channel the role covers (phone, chat, email, messaging, social, in person) using that channel’s tools and conventions.',
    levels: [
      [
        'Uses the basic functions of each channel tool: answer, hold, transfer, reply, close.',
        'Follows the greeting and closing set for each channel.',
      ],
      [
        'Transfers a contact with the case notes attached so the customer does not repeat themselves.',
        'Uses approved templates and edits them to fit the customer’s question.',
        'Meets the response-time target for each channel they cover.',
      ],
      [
        'Moves a conversation to another channel when that serves the customer better, and tells the customer why.',
        'Handles two chat conversations at once without mixing up details.',
      ],
      [
        'Handles public social posts with a short public reply and a move to a private channel.',
        'Covers every channel the team runs at the required standard.',
      ],
      [
        'Sets up templates, routing rules or canned responses and checks their effect on handling time and quality.',
        'Trains colleagues on a new channel before it opens.',
      ],
    ],
  }),
  what({
    id: 'policy-compliance-knowledge',
    name: 'Policy and compliance knowledge',
    category: 'Policy and compliance',
    definition:
      'Knows and applies the policies, terms and regulations that govern the service (refunds, contracts, consumer rights, sector rules) and explains them fairly.',
    levels: [
      [
        'Names where to find the relevant policy and reads it before answering.',
        'Asks a supervisor before making any exception.',
      ],
      [
        'Applies the common policies (returns, cancellation, warranty) correctly without checking.',
        'Gives the customer the reason behind a rule, not only the rule.',
      ],
      [
        'Applies policies to unusual cases and records which clause was applied.',
        'Tells the customer their statutory rights when these go beyond company policy.',
        'Uses the exception authority they hold and records why.',
      ],
      [
        'Explains to colleagues how a new regulation changes daily work, with examples.',
        'Spots practices in the team that breach policy and raises them the same day.',
      ],
      [
        'Proposes policy changes backed by cases where the rule harmed customers or cost more than it saved.',
        'Takes part in compliance reviews or audits and closes the actions assigned to them.',
      ],
    ],
  }),
  what({
    id: 'data-privacy-handling',
    name: 'Data privacy handling',
    category: 'Policy and compliance',
    definition:
      'Protects personal data in every interaction: verifies identity, shares and records only what is needed, and handles privacy requests and incidents correctly.',
    levels: [
      [
        'Completes the identity check before discussing any account.',
        'Locks the screen and clears the desk when leaving the workstation.',
      ],
      [
        'Refuses to disclose account details to third parties who are not authorised, and explains why politely.',
        'Records only the personal data the procedure asks for.',
        'Sends documents only to verified addresses.',
      ],
      [
        'Recognises data access, correction and deletion requests and routes them within the deadline.',
        'Reports a suspected data incident (wrong recipient, lost paper) to the named contact the same day.',
      ],
      [
        'Handles authorised representatives, deceased customers and vulnerable customers following the specific procedures.',
        'Checks colleagues’ handling when asked and corrects unsafe habits on the spot.',
      ],
      [
        'Reviews scripts, forms and templates for data that is collected but not needed, and has it removed.',
        'Runs short privacy refreshers for the team using recent real cases.',
      ],
    ],
  }),
  what({
    id: 'complaint-handling-procedure',
    name: 'Complaint and escalation procedure',
    category: 'Policy and compliance',
    definition:
      'Recognises a complaint, logs it, resolves or escalates it through the right route within the set times, and closes it with the customer.',
    levels: [
      [
        'Logs every expressed dissatisfaction as a complaint, even when it is resolved at once.',
        'Gives the customer the complaint reference and the response time.',
      ],
      [
        'Resolves standard complaints at first contact within their authority.',
        'Escalates the complaints they cannot resolve with a full summary attached.',
        'Confirms the outcome to the customer in writing.',
      ],
      [
        'Chooses the correct escalation route for regulated or high-risk complaints.',
        'Keeps the customer updated at the intervals the procedure sets, including when nothing has changed.',
      ],
      [
        'Handles escalated complaints and complaints from external bodies, and writes the final response.',
        'Groups complaints by cause and reports the top causes each month.',
      ],
      [
        'Leads root-cause reviews of complaint trends with the teams that own the causes.',
        'Maintains the complaint procedure and trains new staff on it.',
      ],
    ],
  }),
  what({
    id: 'service-recovery-remedies',
    name: 'Service recovery and remedies',
    category: 'Policy and compliance',
    definition:
      'Knows the remedies available (refunds, credits, replacements, goodwill gestures), who may authorise each, and uses them proportionately when something has gone wrong.',
    levels: [
      [
        'Names the remedies available for common failures and who approves each.',
        'Asks for approval before offering any remedy outside the standard list.',
      ],
      [
        'Offers the standard remedy for a standard failure without being asked.',
        'Records every remedy given, with the amount and the reason.',
      ],
      [
        'Uses the pre-authorised goodwill budget proportionately to the impact on the customer.',
        'Combines fixing the problem with a remedy, rather than offering compensation alone.',
      ],
      [
        'Agrees remedies for serious or repeated failures and explains the decision to the customer.',
        'Reviews the team’s remedies for consistency and corrects over- or under-compensation.',
      ],
      [
        'Proposes changes to remedy limits and pre-authorisations using cost and repeat-contact data.',
        'Publishes guidance with worked examples so that similar cases get similar remedies.',
      ],
    ],
  }),
  what({
    id: 'technical-troubleshooting',
    name: 'Troubleshooting',
    category: 'Technical',
    definition:
      'Diagnoses why a product, service or account is not working, step by step, and fixes it or hands it on with the evidence gathered.',
    levels: [
      [
        'Follows the troubleshooting script step by step and records the result of each step.',
        'Asks the customer to describe what they see, and writes down error messages word for word.',
      ],
      [
        'Resolves common faults without the script.',
        'Tests the fix with the customer before closing the contact.',
        'Hands unresolved faults on with the steps already tried listed.',
      ],
      [
        'Isolates the cause by changing one thing at a time and checking the result.',
        'Uses diagnostic tools (logs, remote checks, status pages) to confirm a cause.',
        'Recognises when several customers report the same fault and raises a possible incident.',
      ],
      [
        'Diagnoses faults that involve several systems or suppliers.',
        'Writes troubleshooting guides for new faults, tested on real cases.',
      ],
      [
        'Acts as the final internal escalation point and answers escalations within the agreed time.',
        'Gives engineering or suppliers reproducible fault reports that lead to permanent fixes.',
      ],
    ],
  }),
  what({
    id: 'hold-queue-callback-handling',
    name: 'Hold, queue and callback handling',
    category: 'Service tasks',
    definition:
      'Manages waiting so it never feels like abandonment: asks before placing on hold, checks back at set intervals, keeps callback promises and reports waiting times honestly.',
    levels: [
      [
        'Asks permission and says why before placing a customer on hold.',
        'Thanks the customer for waiting when returning.',
      ],
      [
        'Returns to a customer on hold at least every two minutes with an update.',
        'Offers a callback when a wait will be longer than a few minutes.',
        'Calls back within the window promised.',
      ],
      [
        'Gives a realistic estimate of the wait and updates it if it changes.',
        'Finishes research before the call where possible, so hold is kept to a minimum.',
      ],
      [
        'Manages a callback list across a shift so that no promised callback is missed.',
        'Reports hold and callback patterns that point to a process problem.',
      ],
      [
        'Designs the hold, queue and callback rules for the touchpoint and monitors them against the target.',
        'Coaches colleagues on hold handling from recorded calls.',
      ],
    ],
  }),
  what({
    id: 'case-documentation',
    name: 'Case documentation',
    category: 'Service tasks',
    definition:
      'Writes case notes that let anyone pick up the case without calling the customer again: what was asked, what was done, what was promised and what happens next.',
    levels: [
      [
        'Writes a note for every contact, using the note template.',
        'Records any promise made to the customer, with its date.',
      ],
      [
        'Writes notes that state the request, actions taken, outcome and next step.',
        'Completes notes before taking the next contact.',
      ],
      [
        'Writes notes a colleague can act on without asking questions, as checked in quality reviews.',
        'Attaches evidence (screenshots, emails, references) to the case.',
        'Sets the case status and follow-up date correctly.',
      ],
      [
        'Writes case summaries for escalated or long-running cases.',
        'Corrects incomplete notes they come across and tells the author.',
      ],
      [
        'Defines the note template and the quality criteria for notes.',
        'Audits a sample of notes each month and shares examples of good notes.',
      ],
    ],
  }),
  what({
    id: 'written-communication',
    name: 'Written customer communication',
    category: 'Service tasks',
    definition:
      'Writes emails, chat messages and letters that are correct, complete, easy to read and in the brand voice.',
    levels: [
      ['Uses approved templates and fills in every field correctly.', 'Checks spelling and names before sending.'],
      [
        'Answers every question the customer asked, in the order asked.',
        'Writes short paragraphs with one idea each and a clear next step at the end.',
      ],
      [
        'Writes replies from scratch for unusual questions in the brand voice.',
        'Replaces jargon and internal terms with words the customer uses.',
        'Adjusts length and tone to the customer’s own message.',
      ],
      [
        'Writes responses to formal complaints and sensitive cases that pass review without changes.',
        'Rewrites unclear templates and gets them approved.',
      ],
      [
        'Owns the template library and the writing guide for the team.',
        "Reviews colleagues' messages against the guide and gives written feedback with examples.",
      ],
    ],
  }),
  what({
    id: 'service-standards-metrics',
    name: 'Service standards and metrics',
    category: 'Service tasks',
    definition:
      'Knows the experience standards and measures of the touchpoints they work at (response times, quality scores, satisfaction, mystery-shopping criteria) and works to them.',
    levels: [
      [
        'Names the standards and targets that apply to their touchpoint.',
        'Completes the checklist items they own at the set cadence.',
      ],
      [
        'Meets the non-negotiable standards on every contact, including at busy times.',
        'Reads their own scores each week and names one thing to improve.',
      ],
      [
        'Explains how their daily actions affect each measure.',
        'Tracks their own results against goals and acts before a target is missed.',
      ],
      [
        'Helps colleagues interpret their scores and agree actions.',
        'Points out when a measure rewards the wrong behaviour, with examples.',
      ],
      [
        'Helps set standards and targets for the touchpoint, using customer feedback.',
        'Aligns the touchpoint checklist with what mystery shopping and surveys measure.',
      ],
    ],
  }),
  what({
    id: 'accessible-service',
    name: 'Accessible and inclusive service',
    category: 'Service tasks',
    definition:
      'Knows the adjustments and tools available for customers with disabilities, language needs or circumstances that make them vulnerable, and uses them without being asked twice.',
    levels: [
      [
        'Asks whether the customer needs any support to use the service, using the set question.',
        'Records agreed adjustments in the customer record.',
      ],
      [
        'Uses the available aids (relay service, large print, interpreter line) when needed.',
        'Applies the adjustments already recorded without making the customer ask again.',
      ],
      [
        'Recognises signs that a customer may be vulnerable and follows the support procedure.',
        'Offers alternatives when a standard process is a barrier (another channel, more time, a named contact).',
      ],
      [
        'Handles complex cases involving carers or representatives, following the authority rules.',
        'Reports inaccessible forms, pages or processes with a suggested fix.',
      ],
      [
        'Reviews the touchpoint for access barriers with customers who face them and tracks fixes.',
        'Trains colleagues on adjustments using real, anonymised cases.',
      ],
    ],
  }),
];
