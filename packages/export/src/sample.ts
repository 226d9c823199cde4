import {
  AssignmentSchema,
  ChecklistItemSchema,
  LaneSchema,
  RequirementSchema,
  RoleSchema,
  StageSchema,
  TouchpointSchema,
  HrSettingsSchema,
  emptySnapshot,
  type Competency,
  type HrSettings,
  type MapSnapshot,
  type RecordInput,
} from '@journeycraft/schema';
import { getBuiltinCompetency } from '@journeycraft/library';

function builtin(id: string): Competency {
  const c = getBuiltinCompetency(id);
  if (!c) throw new Error(`no built-in competency "${id}"`);
  return structuredClone(c) as Competency;
}

type Req = [role: string, touchpoint: string, competency: string, level: number, behaviour: string];

/**
 * A small, complete sample map: a contact-centre billing support call with three roles, built-in
 * competencies, requirements, standards, metrics and checklists. Used for template previews in the
 * UI and as the fixture of the export tests.
 */
export function sampleSupportMap(): MapSnapshot {
  const touchpoints: RecordInput<'touchpoints'>[] = [
    {
      id: 't-answer',
      stageId: 's-contact',
      laneId: 'l-front',
      title: 'Call answered',
      channel: 'phone',
      order: 1,
      emotion: -1,
      customerGoal: 'Reach someone who can help, quickly.',
      painPoints: ['Long wait before the call is answered'],
      experienceStandards: [
        { id: 'std-greet', text: 'Greet the caller and give your name within the first ten seconds' },
      ],
      metrics: [{ id: 'm-answer', name: 'Answer time', target: '< 30', unit: 's', source: 'telephony reports' }],
      demandCapacity: { demand: 120, capacity: 100, period: 'hour' },
      ownerRoleId: 'r-lead',
    },
    {
      id: 't-dispute',
      stageId: 's-resolve',
      laneId: 'l-front',
      title: 'Billing dispute call',
      channel: 'phone',
      order: 1,
      emotion: -2,
      momentOfTruth: true,
      customerGoal: 'Understand the charge and get it put right.',
      painPoints: ['Put on hold without explanation', 'Has to repeat the story'],
      experienceStandards: [
        {
          id: 'std-hold',
          text: 'Never put an upset customer on hold without saying why and for how long',
          nonNegotiable: true,
        },
        { id: 'std-next', text: 'Confirm the next step and when it will happen before ending the call' },
      ],
      metrics: [
        { id: 'm-fcr', name: 'First contact resolution', target: '≥ 75', unit: '%', source: 'quality scores' },
        {
          id: 'm-hold',
          name: 'Check back with a customer on hold',
          target: 'within 2',
          unit: 'min',
          source: 'call recordings',
        },
      ],
      demandCapacity: { demand: 30, capacity: 20, period: 'day' },
    },
    {
      id: 't-refund',
      stageId: 's-resolve',
      laneId: 'l-back',
      title: 'Refund processed',
      channel: 'other',
      order: 1,
      metrics: [
        { id: 'm-refund', name: 'Refund turnaround', target: '≤ 2', unit: 'working days', source: 'billing system' },
      ],
      ownerRoleId: 'r-billing',
    },
    {
      id: 't-email',
      stageId: 's-follow',
      laneId: 'l-front',
      title: 'Follow-up email',
      channel: 'email',
      order: 1,
      emotion: 1,
      experienceStandards: [{ id: 'std-words', text: 'Write in the customer’s own words, without internal jargon' }],
    },
    {
      id: 't-survey',
      stageId: 's-follow',
      laneId: 'l-front',
      title: 'Satisfaction survey',
      channel: 'email',
      order: 2,
      metrics: [
        { id: 'm-csat', name: 'Customer satisfaction', target: '≥ 4.5', unit: 'out of 5', source: 'CSAT survey' },
      ],
    },
  ];
  const reqs: Req[] = [
    ['r-agent', 't-answer', 'warmth', 3, 'Greets the caller by name and says who they are speaking to'],
    [
      'r-agent',
      't-answer',
      'listening-carefully',
      3,
      'Lets the caller explain fully before asking for account details',
    ],
    ['r-agent', 't-dispute', 'empathy', 4, 'Names the customer’s frustration before explaining the charge'],
    [
      'r-agent',
      't-dispute',
      'defusing-anger',
      4,
      'Keeps a calm, even tone when the caller raises their voice, and does not argue about the facts',
    ],
    [
      'r-agent',
      't-dispute',
      'listening-carefully',
      4,
      'Summarises the dispute back to the caller and confirms it before acting',
    ],
    [
      'r-agent',
      't-dispute',
      'order-billing-systems',
      3,
      'Finds the disputed charge and its history in the billing system while the caller is on the line',
    ],
    ['r-agent', 't-dispute', 'hold-queue-callback-handling', 3, 'Checks back with a customer on hold within 2 minutes'],
    [
      'r-agent',
      't-dispute',
      'complaint-handling-procedure',
      3,
      'Logs the dispute as a complaint and gives the reference number',
    ],
    ['r-agent', 't-dispute', 'living-the-brand-promise', 2, ''],
    [
      'r-agent',
      't-email',
      'written-communication',
      3,
      'Writes a follow-up that states what was agreed, who does what and by when',
    ],
    ['r-agent', 't-email', 'clear-explanation', 3, ''],
    [
      'r-billing',
      't-refund',
      'order-billing-systems',
      4,
      'Processes the refund and its audit note on the same working day',
    ],
    ['r-billing', 't-refund', 'service-recovery-remedies', 3, ''],
    [
      'r-billing',
      't-dispute',
      'clear-explanation',
      3,
      'Explains the charge to the agent in plain words the agent can repeat to the customer',
    ],
    [
      'r-lead',
      't-answer',
      'coaching-and-recognition',
      4,
      'Reviews two recorded calls per agent each week and gives feedback the same day',
    ],
    [
      'r-lead',
      't-dispute',
      'defusing-anger',
      4,
      'Takes over an escalated call without making the customer repeat their story',
    ],
  ];
  const competencyIds = [...new Set(reqs.map((r) => r[2]))];
  return {
    ...emptySnapshot('Billing support call'),
    meta: {
      ...emptySnapshot('Billing support call').meta,
      description: 'A customer calls the contact centre about a charge they do not recognise.',
    },
    stages: [
      { id: 's-contact', title: 'Get in touch', order: 1 },
      { id: 's-resolve', title: 'Resolve', order: 2 },
      { id: 's-follow', title: 'Follow up', order: 3 },
    ].map((s) => StageSchema.parse(s)),
    lanes: [
      { id: 'l-front', kind: 'frontstage', title: 'Frontstage', order: 1 },
      { id: 'l-back', kind: 'backstage', title: 'Backstage', order: 2 },
    ].map((l) => LaneSchema.parse(l)),
    touchpoints: touchpoints.map((t) => TouchpointSchema.parse(t)),
    roles: [
      {
        id: 'r-agent',
        name: 'Contact centre agent',
        team: 'Customer care',
        purpose:
          'Resolves customers’ billing and service questions by phone and email, first time where possible, and leaves every caller knowing what happens next.',
        visibility: 'frontstage',
        headcount: 24,
        incumbents: 22,
        readySuccessors: 0,
        jobCode: 'CC-104',
        grade: 'B3',
        salary: { currency: 'GBP', min: 24000, max: 27500, period: 'YEAR' },
        exemptStatus: 'non_exempt',
        exemptNote: 'Paid overtime at time and a half',
        employmentType: ['FULL_TIME', 'PART_TIME'],
        reportsToRoleId: 'r-lead',
        workArrangement: 'hybrid',
        locations: [
          {
            streetAddress: '12 Wharf Street',
            locality: 'Leeds',
            region: 'West Yorkshire',
            postalCode: 'LS2 7EQ',
            country: 'GB',
          },
        ],
        schedule: '37.5 hours a week on a rota between 8:00 and 20:00, Monday to Saturday',
        travel: 'None',
        supervisoryScope: 'None: the role does not supervise other staff.',
        education: { required: ['GCSE English and Maths at grade 4 or above, or equivalent'], preferred: [] },
        experience: {
          required: [],
          preferred: ['A year in a customer-facing job, in a contact centre or in a shop'],
        },
        certifications: { required: [], preferred: ['A customer service qualification, such as an NVQ'] },
        physicalDemands:
          'Sitting at a screen with a headset for most of the shift, with regular breaks away from the screen.',
        workEnvironment:
          'Open-plan office in Leeds and, on home days, a quiet room at home; some calls are with upset customers.',
        requisitionId: 'REQ-2026-031',
        postingOpenedOn: '2026-03-01',
        postingClosesOn: '2026-03-31',
        approvedBy: 'Head of Customer Care',
        approvedOn: '2026-02-20',
        revisedOn: '2026-02-20',
      },
      {
        id: 'r-billing',
        name: 'Billing specialist',
        team: 'Billing operations',
        purpose: 'Investigates disputed charges and puts billing errors right, quickly and with a clear audit trail.',
        visibility: 'backstage',
        headcount: 4,
        incumbents: 4,
        readySuccessors: 1,
      },
      {
        id: 'r-lead',
        name: 'Team lead',
        team: 'Customer care',
        purpose:
          'Leads a team of agents, keeps the service standards under pressure and coaches each agent every week.',
        visibility: 'frontstage',
        headcount: 3,
        incumbents: 3,
        readySuccessors: 0,
      },
    ].map((r) => RoleSchema.parse(r)),
    assignments: [
      ['a1', 't-answer', 'r-agent', 'performs'],
      ['a2', 't-dispute', 'r-agent', 'performs'],
      ['a3', 't-email', 'r-agent', 'performs'],
      ['a4', 't-dispute', 'r-lead', 'supports'],
      ['a5', 't-dispute', 'r-billing', 'supports'],
      ['a6', 't-survey', 'r-lead', 'supports'],
    ].map(([id, touchpointId, roleId, involvement]) =>
      AssignmentSchema.parse({ id, touchpointId, roleId, involvement }),
    ),
    competencies: competencyIds.map(builtin),
    requirements: reqs.map(([roleId, touchpointId, competencyId, level, behaviour], i) =>
      RequirementSchema.parse({ id: `q${i + 1}`, roleId, touchpointId, competencyId, level, behaviour }),
    ),
    checklistItems: [
      ['c1', 't-answer', 'Listen to five calls from the morning peak', 'daily', 'quality scores'],
      ['c2', 't-answer', 'Compare answer times with the target and adjust breaks', 'weekly', 'telephony reports'],
      ['c3', 't-answer', 'Review the greeting standard in the team huddle', 'monthly', 'mystery shopping'],
      ['c4', 't-refund', 'Clear refunds older than two working days', 'daily', 'billing system'],
    ].map(([id, touchpointId, text, cadence, measuredBy]) =>
      ChecklistItemSchema.parse({ id, touchpointId, text, cadence, measuredBy }),
    ),
  };
}

/** Workspace HR settings of the sample employer: for previews and tests. */
export function sampleHrSettings(): HrSettings {
  return HrSettingsSchema.parse({
    employerName: 'Northwind Energy Ltd',
    website: 'https://northwind-energy.example',
    logoUrl: 'https://northwind-energy.example/logo.png',
    benefits:
      '25 days of holiday plus bank holidays, a pension with 6% from us, paid training in your first month, and a yearly pay review.',
    applyUrl: 'https://careers.northwind-energy.example/jobs/cc-104',
    applyEmail: 'careers@northwind-energy.example',
    directApply: true,
    equalOpportunity:
      'Northwind Energy welcomes applications from everyone and chooses people on what the job needs, whatever their background.',
    adjustments: 'Tell us if you need anything to be arranged differently to apply or to come to an interview.',
    disclaimer:
      'This description covers the main duties. The post holder may be asked to do other reasonable work that fits the role.',
    paperSize: 'A4',
    register: 'plain',
  });
}
