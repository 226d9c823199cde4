import type { Competency } from '@journeycraft/schema';
import { define } from './define.js';
import type { CompetencySpec } from './define.js';

const how = (spec: CompetencySpec): Competency => define('how', spec);

/** HOW competencies: the interpersonal behaviours that shape how an interaction feels. */
export const howCompetencies: readonly Competency[] = [
  how({
    id: 'listening-carefully',
    name: 'Listening carefully',
    category: 'Connecting with the customer',
    definition:
      'Gives the customer full attention, lets them finish, and checks understanding before responding, so the answer fits what was actually said.',
    levels: [
      [
        'Lets the customer finish their first explanation without interrupting.',
        'Writes down the key facts the customer gives.',
      ],
      [
        'Repeats the request back in a sentence and asks if that is right.',
        'Asks one clarifying question before offering a solution.',
        'Does not ask for information the customer has already given.',
      ],
      [
        'Picks up and responds to the concern behind the request (worry about cost, deadline, trust).',
        'Summarises a long or confused account into the main points and confirms them with the customer.',
      ],
      [
        'Keeps listening without interrupting when the customer is angry or repeats themselves, then summarises.',
        'Notices when the customer’s words and tone do not match and asks about it.',
      ],
      [
        'Coaches colleagues on listening using recordings, pointing to specific moments.',
        'Brings what customers repeatedly say into team meetings as quotes, not impressions.',
      ],
    ],
  }),
  how({
    id: 'warmth',
    name: 'Warm and friendly manner',
    category: 'Connecting with the customer',
    definition:
      'Makes the customer feel welcome and valued through greeting, tone, attention and courtesy, in every channel.',
    levels: [
      ['Greets the customer and gives their own name.', 'Says please and thank you, and ends the contact politely.'],
      [
        'Uses the customer’s name at least once during the contact.',
        'Smiles and makes eye contact in person; keeps a friendly tone on the phone throughout.',
        'Acknowledges a waiting customer within a few seconds, even when busy.',
      ],
      [
        'Keeps the same friendly manner at the end of a shift and with difficult customers.',
        'Makes a short personal remark that fits the situation (a thank-you for patience, a good wish for the event they mentioned).',
      ],
      [
        'Brings a tense conversation back to a friendly footing without becoming familiar.',
        'Receives positive comments about their manner in customer feedback.',
      ],
      [
        'Sets the tone for the team: greets colleagues and customers the same way at busy and quiet times.',
        'Helps colleagues find a natural, friendly style of their own, using examples from their contacts.',
      ],
    ],
  }),
  how({
    id: 'empathy',
    name: 'Empathy',
    category: 'Connecting with the customer',
    definition:
      'Recognises how the situation feels for the customer, says so in their own words, and lets that shape what they do next.',
    levels: [
      [
        'Says an apology or acknowledgement when the customer describes a problem.',
        'Avoids blaming the customer for the problem.',
      ],
      [
        'Names the impact on the customer in their own words ("so you have been without internet for three days").',
        'Adjusts pace and tone when the customer is upset.',
      ],
      [
        'Acts on the impact, not only the issue: offers what matters most to this customer first.',
        'Keeps acknowledgements specific rather than using a stock phrase each time.',
      ],
      [
        'Stays empathetic with customers in distressing situations (bereavement, financial hardship, illness) and follows the support procedure.',
        'Points out when a process treats customers unfairly and suggests a change.',
      ],
      [
        'Shares customer stories with the wider organisation to help others see the customer’s side.',
        'Coaches colleagues on empathy by playing back recordings that contrast a specific acknowledgement with a stock phrase.',
      ],
    ],
  }),
  how({
    id: 'personal-attention',
    name: 'Personalising the service',
    category: 'Connecting with the customer',
    definition:
      'Treats the customer as an individual rather than a case number, using what they know about them to tailor the service.',
    levels: [
      [
        'Checks the customer record for preferences before responding.',
        'Addresses the customer the way they have asked to be addressed.',
      ],
      [
        'Refers to the customer’s earlier contacts or purchases where relevant.',
        'Offers options in the channel and at the time the customer prefers.',
      ],
      [
        'Tailors explanations and offers to what the customer has said about their situation.',
        'Records new preferences so the next person can use them.',
      ],
      [
        'Keeps personal touches in place at busy times, when others fall back to the minimum.',
        'Finds small, permitted ways to go beyond the standard for a customer (a handwritten note, a direct follow-up).',
      ],
      [
        'Proposes ways to make personalisation part of the process (what to record, what to reuse).',
        'Shows colleagues how to personalise without slowing down, with examples.',
      ],
    ],
  }),
  how({
    id: 'taking-immediate-action',
    name: 'Taking immediate action',
    category: 'Responsiveness',
    definition:
      'Acts on a customer need straight away, doing what can be done now, rather than deferring, passing on or waiting to be asked again.',
    levels: [
      [
        'Starts on the request during the contact when the procedure allows.',
        'Tells the customer what they will do next and when.',
      ],
      [
        'Resolves requests within their authority in the same contact.',
        'Sends a promised confirmation or document before ending the contact.',
      ],
      [
        'Takes the first practical step on requests outside their authority (logs, escalates, books) before the customer leaves.',
        'Prioritises urgent needs (safety, loss of service, deadlines) ahead of the queue order, following the rules.',
      ],
      [
        'Uses pre-authorised discretion to solve a problem on the spot and records it.',
        'Acts on problems they notice before the customer raises them.',
      ],
      [
        'Removes steps that slow first-contact resolution by proposing process or authority changes.',
        'Models urgency in the team: picks up unowned requests and sees them through.',
      ],
    ],
  }),
  how({
    id: 'ownership-follow-through',
    name: 'Ownership and follow-through',
    category: 'Responsiveness',
    definition:
      'Treats the customer’s problem as their own until it is resolved: keeps promises, follows up without being chased, and closes the loop.',
    levels: [
      [
        'Does what they said they would do, by the time they said.',
        'Tells a supervisor when they cannot keep a promise.',
      ],
      [
        'Gives the customer their name and a way to reach them again for open cases.',
        'Sets and works a follow-up reminder for every open promise.',
        'Contacts the customer before a promised deadline if it will be missed.',
      ],
      [
        'Follows a handed-over case until another person has confirmed they own it.',
        'Checks with the customer that the fix worked before closing the case.',
      ],
      [
        'Chases other teams on behalf of the customer and tells the customer where things stand.',
        'Takes ownership of cases that fall between teams, without being told.',
      ],
      [
        'Fixes the handover points where cases get lost, with the teams involved.',
        'Is named by colleagues and customers as the person who sees things through.',
      ],
    ],
  }),
  how({
    id: 'managing-expectations',
    name: 'Setting and keeping expectations',
    category: 'Responsiveness',
    definition:
      'Tells customers honestly what will happen, when and what it depends on, so that what we deliver matches or beats what they were led to expect.',
    levels: [
      ['States the standard timescale for the request.', 'Avoids promising things outside their control.'],
      [
        'Gives a specific date or time rather than "soon".',
        'Explains what the customer needs to do, if anything, for the outcome to happen.',
      ],
      [
        'Gives a realistic estimate that includes known delays, even when it disappoints.',
        'Updates the customer as soon as an estimate changes.',
      ],
      [
        'Resets expectations with a customer who was given a wrong promise elsewhere, without blaming colleagues.',
        'Negotiates a workable alternative when the customer’s expectation cannot be met.',
      ],
      [
        'Reports promises made in marketing or sales that the service cannot keep, with evidence.',
        'Helps write the standard timescales and messages the team gives customers.',
      ],
    ],
  }),
  how({
    id: 'anticipating-needs',
    name: 'Anticipating needs',
    category: 'Responsiveness',
    definition:
      'Thinks one step ahead of the customer: answers the next question before it is asked and prevents the next problem.',
    levels: [
      [
        'Answers the question asked and asks if there is anything else.',
        'Gives the standard "what happens next" information.',
      ],
      [
        'Mentions the common follow-up issue for this type of request (a first bill, a delivery window).',
        'Checks for other open issues on the account while handling the request.',
      ],
      [
        'Acts on a problem visible in the account that the customer has not noticed yet.',
        'Sends useful information ahead of a known event (renewal, change, outage).',
      ],
      [
        'Contacts customers affected by a known issue before they contact us.',
        'Notices patterns in requests and prepares answers for the team.',
      ],
      [
        'Proposes proactive contact programmes based on where customers repeatedly get stuck.',
        'Measures the drop in repeat contacts after proactive steps and shares the results.',
      ],
    ],
  }),
  how({
    id: 'defusing-anger',
    name: 'Defusing anger',
    category: 'Resolving problems',
    definition:
      'Calms an angry or upset customer by staying steady, acknowledging the frustration and moving the conversation towards a solution, without giving in to abuse.',
    levels: [
      ['Keeps their voice level and does not argue back.', 'Asks a supervisor for help when a customer stays angry.'],
      [
        'Lets the customer express the frustration before explaining anything.',
        'Acknowledges the frustration in a sentence, and apologises when the organisation was at fault.',
        'Moves to the facts and next steps once the customer is calmer.',
      ],
      [
        'Brings most angry contacts to an agreed next step without handing them on.',
        'Avoids trigger phrases ("calm down", "that’s our policy") and uses alternatives.',
      ],
      [
        'Handles customers others could not calm, and takes escalated calls.',
        'Sets limits on abusive behaviour calmly, following the procedure, and ends the contact when required.',
      ],
      [
        'Coaches colleagues after difficult contacts and helps them recover.',
        'Uses angry-contact trends to identify upstream causes and raises them with owners.',
      ],
    ],
  }),
  how({
    id: 'problem-solving',
    name: 'Problem solving',
    category: 'Resolving problems',
    definition:
      'Works out what the real problem is, finds options within the rules, picks the one that best serves the customer and the business, and checks it worked.',
    levels: [
      ['Identifies which standard procedure applies to the problem.', 'Asks for help when no procedure fits.'],
      [
        'Asks questions to find the cause before offering a fix.',
        'Offers the customer a choice when there is more than one standard option.',
      ],
      [
        'Solves problems no procedure covers by combining what is allowed, and records what they did.',
        'Checks the solution with the customer and confirms it resolved the issue.',
      ],
      [
        'Solves problems that involve several teams or systems and coordinates the fix.',
        'Looks for the cause of repeat problems and proposes how to stop them happening again.',
      ],
      [
        'Leads improvement work on recurring problems and tracks the result.',
        'Teaches colleagues a structured approach to problem solving using real cases.',
      ],
    ],
  }),
  how({
    id: 'declining-constructively',
    name: 'Saying no constructively',
    category: 'Resolving problems',
    definition:
      'Turns down a request that cannot be met in a way that keeps the relationship: explains why and offers what can be done instead.',
    levels: [
      [
        'Says clearly that a request cannot be met, without apologising repeatedly or hedging.',
        'Refers the customer to a supervisor when they ask.',
      ],
      ['Gives the reason for the no in plain words.', 'Offers at least one alternative the customer can act on.'],
      [
        'Leads with what can be done before saying what cannot.',
        'Keeps to the decision when pressed, while staying courteous.',
      ],
      [
        'Handles repeated or public requests for exceptions and keeps the customer’s goodwill.',
        'Asks a supervisor for an exception when a case meets the exception rules, citing the rule.',
      ],
      [
        'Tracks the requests the team most often declines and proposes offers or policy changes.',
        'Coaches colleagues on wording for common refusals.',
      ],
    ],
  }),
  how({
    id: 'clear-explanation',
    name: 'Clear explanation',
    category: 'Communicating',
    definition:
      'Explains products, decisions and next steps so the customer understands them the first time, without jargon, and checks that they did.',
    levels: [
      ['Reads the approved explanation for common topics.', 'Asks if the customer has any questions.'],
      [
        'Explains in short steps, in the order the customer will experience them.',
        'Replaces internal terms and abbreviations with everyday words.',
      ],
      [
        'Uses an example or the customer’s own figures to explain something complex.',
        'Asks the customer to say back the key next step and corrects misunderstandings.',
      ],
      [
        'Explains complex or unwelcome decisions (a refused claim, a price rise) so the customer can repeat the reason.',
        'Writes follow-up summaries that match what was said.',
      ],
      [
        'Rewrites confusing customer-facing explanations and tests them with customers or colleagues.',
        'Coaches colleagues on explaining, using recordings.',
      ],
    ],
  }),
  how({
    id: 'adapting-to-the-customer',
    name: 'Adapting to the customer',
    category: 'Communicating',
    definition:
      'Reads the customer and adjusts pace, detail, tone and approach to suit them: brisk for the hurried, patient for the unsure, detailed for the expert.',
    levels: [
      ['Slows down or speeds up when the customer asks.', 'Repeats information when asked, without impatience.'],
      [
        'Matches the level of detail to the customer’s questions.',
        'Switches to a more formal or informal register to match the customer.',
      ],
      [
        'Notices signs of confusion, hurry or impatience and changes approach without being asked.',
        'Offers a different channel or format (call back, written summary) when it suits the customer better.',
      ],
      [
        'Gets the same quality scores with very different customers (first-time and expert, calm and anxious) on the same shift.',
        'Adapts to customers with specific needs while keeping to process.',
      ],
      [
        'Helps colleagues recognise customer styles and adjust, using examples.',
        'Proposes process changes where a single script fails certain customer groups.',
      ],
    ],
  }),
  how({
    id: 'composure-under-pressure',
    name: 'Composure under pressure',
    category: 'Self-management',
    definition:
      'Keeps quality, courtesy and judgement steady when demand is high, time is short or contacts are hard, and keeps the experience standards that are never waived.',
    levels: [
      [
        'Keeps to the basic standards during a busy period with support from the team lead.',
        'Tells the team lead when they are overwhelmed.',
      ],
      [
        'Keeps a steady tone and pace with the customer in front of them regardless of the queue.',
        'Takes the agreed short break after a difficult contact, then resumes.',
      ],
      [
        'Keeps the non-negotiable standards (greeting, verification, check back on hold) on every contact at peak times.',
        'Prioritises the queue by urgency and tells waiting customers what is happening.',
      ],
      [
        'Takes on the hardest contacts during a peak or an incident and stays accurate.',
        'Supports colleagues under pressure by taking over contacts or giving quick answers.',
      ],
      [
        'Leads the team through incidents and peaks: allocates work, keeps standards and debriefs afterwards.',
        'Reports where demand regularly exceeds capacity and what it does to the experience, with examples.',
      ],
    ],
  }),
  how({
    id: 'attention-to-detail',
    name: 'Attention to detail',
    category: 'Self-management',
    definition:
      'Gets the details right the first time (names, numbers, amounts, dates, addresses) and checks work before it reaches the customer.',
    levels: [
      [
        'Reads back key details (names, numbers, dates) to confirm them.',
        'Uses the checklist for tasks that have one.',
      ],
      ['Completes work with few errors found in quality checks.', 'Checks amounts and dates before confirming them.'],
      [
        'Spots errors made earlier in the process and corrects them before they reach the customer.',
        'Double-checks high-impact actions (refunds, cancellations, address changes) before submitting.',
      ],
      [
        'Maintains accuracy on complex or high-volume tasks, as quality reviews show.',
        'Finds the cause of repeated errors and proposes a check that prevents them.',
      ],
      [
        'Designs checks and checklists that remove common errors.',
        'Reviews colleagues’ work for accuracy and gives specific feedback.',
      ],
    ],
  }),
  how({
    id: 'learning-from-feedback',
    name: 'Learning from feedback',
    category: 'Self-management',
    definition:
      'Seeks out and acts on feedback from customers, managers and colleagues, and keeps building skills and knowledge.',
    levels: [
      [
        'Listens to feedback without arguing and asks a question to understand it.',
        'Completes assigned training on time.',
      ],
      [
        'Agrees one specific change after feedback and makes it.',
        'Reads their own customer feedback and quality scores each week.',
      ],
      [
        'Asks for feedback on specific contacts or skills.',
        'Keeps a development plan with goals and evidence of progress.',
      ],
      [
        'Reviews their own recordings or messages and identifies what to improve.',
        'Learns a new area of the work and becomes the go-to person for it.',
      ],
      [
        'Shares what they have learned with the team through short sessions or guides.',
        'Mentors new starters and tracks their progress against the development plan.',
      ],
    ],
  }),
  how({
    id: 'frontstage-backstage-teamwork',
    name: 'Teamwork across frontstage and backstage',
    category: 'Working with others',
    definition:
      'Works with colleagues in customer-facing and behind-the-scenes roles so the customer experiences one joined-up service and one consistent voice.',
    levels: [
      [
        'Passes each request to the team that handles it, using the team directory, first time.',
        'Responds to requests from other teams within the agreed time.',
      ],
      [
        'Hands over work with all the information the receiving team needs.',
        'Gives customers the same answer as other teams on the same question.',
      ],
      [
        'Agrees directly with colleagues in other teams on how to solve a shared customer problem.',
        'Shares customer information through the shared records, not private notes.',
      ],
      [
        'Resolves friction between teams about customer cases without escalating.',
        'Spends time with a backstage or frontstage team to understand its work and brings back changes.',
      ],
      [
        'Sets up regular joint reviews of customer cases with other teams.',
        'Maps the handovers on the journey with the teams involved and removes the ones that add no value.',
      ],
    ],
  }),
  how({
    id: 'coaching-and-recognition',
    name: 'Coaching and recognition',
    category: 'Working with others',
    definition:
      'Watches how others serve customers, catches what is done well as well as what is not, and gives timely, specific feedback and praise that improve performance.',
    levels: [
      [
        'Thanks a colleague by naming the specific thing they did for a customer.',
        'Shares a useful tip with a colleague when asked.',
      ],
      [
        'Gives feedback that names the behaviour and its effect on the customer.',
        'Gives feedback within a day of the event.',
      ],
      [
        'Observes or listens to contacts on a regular cadence and records what was done well and what to change.',
        'Agrees one development action per session and checks it at the next session.',
      ],
      [
        'Runs coaching sessions from recordings or observation checklists, with more praise than correction where it is earned.',
        'Recognises improvements publicly in team meetings.',
      ],
      [
        'Sets the coaching cadence for a team and keeps to it, as coaching logs show.',
        'Uses coaching logs and quality data to plan team development, and trains other coaches.',
      ],
    ],
  }),
];
