import type { Competency } from '@journeycraft/schema';
import { define } from './define.js';
import type { CompetencySpec } from './define.js';

const org = (spec: CompetencySpec): Competency => define('org', spec);

/**
 * ORG competencies: capabilities of the organisation as a whole, assessed at map or organisation
 * level. Their behaviours describe what an observer can see the organisation and its leaders do.
 */
export const orgCompetencies: readonly Competency[] = [
  org({
    id: 'purposeful-leadership',
    name: 'Purposeful leadership',
    category: 'Leadership',
    definition:
      'Leaders agree on a clear set of customer-centred values and goals, explain the reasons behind decisions, and act consistently with them over time.',
    levels: [
      [
        'Leaders mention customer experience in plans, but no values or goals are written down.',
        'Front-line staff cannot say what the organisation is trying to achieve for customers.',
      ],
      [
        'A written statement of customer values and goals exists and is shared with staff.',
        'Leaders explain major decisions to staff at least once a quarter.',
      ],
      [
        'Leaders use the stated values to explain trade-offs in decisions, in writing and at team meetings.',
        'Contact-centre and store staff are briefed on decisions before customers hear about them.',
        'Customer experience goals appear in every leader’s objectives.',
      ],
      [
        'Leaders spend scheduled time at the front line each quarter and report what they learned.',
        'Leaders keep customer commitments when budgets are under pressure, and say so publicly.',
      ],
      [
        'Staff at every level can explain how their work connects to the customer goals, when asked in surveys or visits.',
        'Leaders review decisions that went against the values and publish what they will change.',
      ],
    ],
  }),
  org({
    id: 'living-the-brand-promise',
    name: 'Living the brand promise',
    category: 'Brand',
    definition:
      'The organisation makes explicit promises to customers about how they will be treated, every employee knows their part in keeping them, and the promises are kept at the last interaction as well as the first.',
    levels: [
      [
        'Brand promises exist in marketing material only.',
        'Staff learn what was promised from customers who complain.',
      ],
      [
        'Promises are written down and shared with customer-facing teams.',
        'Induction explains the promises to new staff.',
      ],
      [
        'Each touchpoint on the journey map names the promise it supports and an experience standard for it.',
        'Marketing and service teams review new campaigns together before launch.',
      ],
      [
        'Promise-keeping is measured at several touchpoints (mystery shopping, surveys) and results are shared with every team.',
        'Broken promises trigger a documented review and a fix within an agreed time.',
      ],
      [
        'Employees in backstage roles can name the promise they help keep.',
        'The organisation withdraws or changes a promise it cannot keep consistently, and tells customers.',
      ],
    ],
  }),
  org({
    id: 'customer-connectedness',
    name: 'Customer connectedness',
    category: 'Customer insight',
    definition:
      'Customer feedback and insight reach every department and shape decisions, and people across the organisation hear customers directly.',
    levels: [
      [
        'Customer feedback is collected but read only by the service team.',
        'Decisions are made without reference to customer data.',
      ],
      [
        'A regular customer feedback report goes to leaders and department heads.',
        'Some departments invite customer-facing staff to planning meetings.',
      ],
      [
        'Every major proposal states what customer evidence supports it.',
        'Staff from backstage departments spend time listening to customer contacts each year.',
        'Customers are told what was changed as a result of their feedback.',
      ],
      [
        'Each department has customer-experience measures in its scorecard and reviews them monthly.',
        'Insight from surveys, complaints and front-line staff is combined in one view that teams use.',
      ],
      [
        'Customers take part in designing new services and journeys.',
        'The organisation can show decisions it changed or reversed because of customer insight.',
      ],
    ],
  }),
  org({
    id: 'employee-engagement',
    name: 'Employee engagement',
    category: 'People',
    definition:
      'Employees understand the organisation’s goals, see how their work affects customers, and are committed to delivering the experience.',
    levels: [
      [
        'Engagement is not measured, or the results are not shared.',
        'Staff turnover in customer-facing roles is not tracked by role.',
      ],
      [
        'An engagement survey runs at least yearly and results are shared with staff.',
        'Each team agrees at least one action from the survey.',
      ],
      [
        'Managers discuss goals and their link to customers with each team member at least quarterly.',
        'Survey actions are tracked to completion and reported back to staff.',
      ],
      [
        'Engagement and customer results are analysed together by team, and the findings drive actions.',
        'Turnover and absence in critical roles are reviewed monthly, with actions.',
      ],
      [
        'Employees help design changes to their own work and to customer journeys.',
        'Engagement in customer-facing roles is sustained at a high level across several survey cycles.',
      ],
    ],
  }),
  org({
    id: 'service-climate',
    name: 'Service climate',
    category: 'People',
    definition:
      'The organisation regularly asks employees how good they think the service they give is, whether they would recommend it, and what stops them doing better, and acts on the answers.',
    levels: [
      [
        'Employees are not asked about the quality of the service.',
        'Managers learn about obstacles only when something goes wrong.',
      ],
      [
        'A short service-climate survey runs at least twice a year.',
        'Managers ask their teams climate questions in one-to-ones or huddles.',
      ],
      [
        'Climate results are reported by touchpoint and compared with customer satisfaction.',
        'Teams take part in designing improvements to the obstacles they name.',
      ],
      [
        'Climate questions are asked monthly and trends are reviewed with the teams.',
        'What employees say they would like to do for customers but cannot is tracked and acted on.',
      ],
      [
        'Climate measures are used as an early warning of customer-experience problems and trigger action.',
        'The organisation can show improvements that came from employee climate feedback.',
      ],
    ],
  }),
  org({
    id: 'frontline-empowerment',
    name: 'Empowering the front line',
    category: 'Leadership',
    definition:
      'Front-line employees have the authority, tools and pre-approved options to solve customer problems on the spot, and are trusted to use them.',
    levels: [
      [
        'Most exceptions and remedies need a manager’s approval.',
        'Front-line staff have no budget or authority for goodwill gestures.',
      ],
      [
        'A list of standard remedies that front-line staff may give without approval exists.',
        'Approval requests are answered within the same day.',
      ],
      [
        'Front-line staff hold pre-authorised limits for concessions and use them, as records show.',
        'Use of discretion is reviewed for learning, not blame.',
      ],
      [
        'Authority limits are reviewed at least yearly using data on repeat contacts and cost.',
        'Front-line ideas for solving problems are collected and answered within an agreed time.',
      ],
      [
        'Most customer problems are resolved at the first point of contact, as measured.',
        'Front-line staff help set the rules for their own authority.',
      ],
    ],
  }),
  org({
    id: 'talent-for-service',
    name: 'Hiring and developing for service',
    category: 'People',
    definition:
      'The talent processes (hiring, onboarding, training, performance management and succession) are built around the competencies the customer experience needs.',
    levels: [
      [
        'Job descriptions for customer-facing roles do not mention service competencies.',
        'Training is left to individual managers.',
      ],
      [
        'Hiring profiles for customer-facing roles list the WHAT and HOW competencies.',
        'New starters complete a standard induction with service content.',
      ],
      [
        'Interviews use structured questions and scorecards based on the role’s competencies.',
        'Managers coach their team members on a set cadence and keep coaching logs.',
        'Performance reviews rate observable behaviours at defined levels.',
      ],
      [
        'Critical customer roles have named successors with development plans.',
        'Training spend and hours for customer-facing roles are tracked and compared with results.',
      ],
      [
        'Hiring profiles are updated from the behaviours of top performers in each role.',
        'No critical customer role is left without a ready successor for more than a quarter.',
      ],
    ],
  }),
  org({
    id: 'recognition-culture',
    name: 'Recognising service performance',
    category: 'People',
    definition:
      'The organisation notices and celebrates the behaviours and results that create good customer experiences, individually and publicly.',
    levels: [
      [
        'Recognition happens only through pay and annual reviews.',
        'Positive customer feedback is not passed on to the people named in it.',
      ],
      [
        'Positive customer feedback is forwarded to the employee and their manager.',
        'Managers thank individuals for good service in team meetings.',
      ],
      [
        'A recognition scheme rewards specific service behaviours, with examples published.',
        'Managers record recognition alongside corrective feedback in coaching logs.',
      ],
      [
        'Peers can recognise each other, and recognition is spread across teams, including backstage roles.',
        'Progress on customer goals is celebrated with the whole organisation.',
      ],
      [
        'Recognition is linked to the competencies in role profiles and reviewed for fairness across teams.',
        'Employees cite recognition as a reason for staying, in surveys or exit interviews.',
      ],
    ],
  }),
  org({
    id: 'measurement-discipline',
    name: 'Measuring what shapes the experience',
    category: 'Operations',
    definition:
      'The organisation measures the things that decide the customer experience at each touchpoint, consistently and often, and the measures used by managers, surveys and mystery shopping agree.',
    levels: [
      [
        'Few touchpoints have measures, and results are reviewed irregularly.',
        'Managers and head office track different things.',
      ],
      ['Key touchpoints have a satisfaction or quality measure with a target.', 'Results are reported monthly.'],
      [
        'Touchpoint owners run a checklist at a daily, weekly or monthly cadence aligned with the survey or mystery-shopping criteria.',
        'Sample sizes and methods are documented so results can be compared over time.',
      ],
      [
        'Measures cascade into team and individual goals (for example, checking back on a customer on hold within two minutes).',
        'Gaps found by checklists get a response from the organisation within an agreed time.',
      ],
      [
        'Measures are reviewed yearly and retired when they reward the wrong behaviour.',
        'Results by touchpoint are visible to every employee who affects them.',
      ],
    ],
  }),
  org({
    id: 'capacity-for-demand',
    name: 'Matching capacity to demand',
    category: 'Operations',
    definition:
      'The organisation plans people and capacity so that peaks in demand do not erode personal attention and empathy, and sets experience standards that are not waived under pressure.',
    levels: [
      [
        'Staffing is set by budget without reference to forecast demand.',
        'Service quality drops noticeably at peaks and nobody is accountable.',
      ],
      [
        'Demand is forecast for the main touchpoints and staffing follows the forecast.',
        'Non-negotiable experience standards are written down for key touchpoints.',
      ],
      [
        'Marketing campaigns and promotions are shared with service planning before launch.',
        'Standards are monitored at peak times as well as normal times.',
        'Cross-trained staff can be moved to a touchpoint under pressure.',
      ],
      [
        'The cost of repeat contacts and rework caused by under-capacity is included in budget decisions.',
        'Time to competence for new staff is measured and reduced through standard tasks and training.',
      ],
      [
        'Touchpoints where demand regularly exceeds capacity are flagged on the journey map and have an owner and a plan.',
        'Experience standards hold at peak times, as shown by measures taken during peaks.',
      ],
    ],
  }),
  org({
    id: 'joined-up-journey',
    name: 'Joined-up journey ownership',
    category: 'Operations',
    definition:
      'Every touchpoint on the customer journey has a named owner, and departments and channels coordinate so the customer gets the same treatment whichever way they come in.',
    levels: [
      [
        'No one is named as owner of the end-to-end journey or its touchpoints.',
        'Customers get different answers from different channels.',
      ],
      [
        'The main journey is mapped and the key touchpoints have named owners.',
        'Teams share one customer record system.',
      ],
      [
        'Touchpoint owners meet regularly to review handovers and shared issues.',
        'Answers to common questions are the same in every channel, as spot checks show.',
      ],
      [
        'Journey maps are kept up to date and used in planning by every department involved.',
        'Handover failures between teams are measured and reduced.',
      ],
      [
        'Journey performance is reviewed by leaders as a whole, not only by department.',
        'Changes in one channel or department are checked for effects on the rest of the journey before release.',
      ],
    ],
  }),
];
