import { memo, useContext } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { isOverCapacity, type LaneKind, type Touchpoint } from '@journeycraft/schema';
import { laneColors } from '@journeycraft/picture';
import type { Peer } from '../../core/peers.js';
import { FarContext, renderCounts, useCanvas } from '../context.js';
import { ChannelIcon, Face, Icon, icons } from '../icons.js';
import { offsetTranslate, useDragOffset } from '../hooks/useDragOffset.js';
import { useImage } from '../hooks/useImage.js';
import { Button, countPhrase } from '@journeycraft/ui';

/** What a card shows; every field is stable until the thing it shows changes. */
export interface TouchpointData extends Record<string, unknown> {
  tp: Touchpoint;
  laneKind: LaneKind;
  ownerName: string | null;
  roleCount: number;
  competencyCount: number;
  commentCount: number;
  subjourney: { id: string; title: string } | null;
  /** Locked by a facilitator (the card or its stage). */
  locked: boolean;
  /** Dot voting: this person's dot is on it, may be placed, or all dots are spent; null when no round is open. */
  vote: 'mine' | 'available' | 'spent' | null;
  /** Revealed dot count; null until a round is revealed. */
  dots: number | null;
  /** Search: null when not searching. */
  match: boolean | null;
  /** Someone else has this card selected. */
  remote: Peer | null;
  /** Someone else is dragging this card now. */
  remoteDrag: Peer | null;
}

export type TouchpointNodeType = Node<TouchpointData, 'touchpoint'>;

/** A touchpoint card: title, channel, moment of truth, owner, capacity warning, what is attached. */
export const TouchpointNode = memo(function TouchpointNode({
  id,
  data,
  selected,
  positionAbsoluteX,
  positionAbsoluteY,
}: NodeProps<TouchpointNodeType>) {
  renderCounts.cards++;
  const { actions } = useCanvas();
  const offset = useDragOffset(id, { x: positionAbsoluteX, y: positionAbsoluteY }, data.remoteDrag !== null);
  const dragging = offset !== null && data.remoteDrag === null;
  const far = useContext(FarContext);
  const { tp, remote, remoteDrag } = data;
  const over = isOverCapacity(tp);
  // The badges share one row of the card: beside another badge, the moment of truth (the card's
  // warm background says it too) and the lock show as icons, their words kept for screen readers.
  const pain = tp.painPoints.length > 0 && data.laneKind !== 'pain_points';
  const crowded = tp.momentOfTruth && (over || pain || data.locked || Boolean(data.subjourney));
  const crowdedLock = !crowded && data.locked && (over || pain || Boolean(data.subjourney));
  const peer = remoteDrag ?? remote;
  const classes = [
    'jc-card',
    tp.momentOfTruth ? 'is-mot' : '',
    selected ? 'is-selected' : '',
    dragging ? 'is-dragging' : '',
    remoteDrag ? 'is-remote-drag' : '',
    data.match === false ? 'is-dimmed' : '',
    data.match === true ? 'is-match' : '',
    tp.imageId && !far ? 'has-image' : '',
    data.vote ? 'is-voting' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      style={
        {
          '--lane': laneColors[data.laneKind],
          '--peer': peer?.color,
          translate: offsetTranslate(offset),
        } as React.CSSProperties
      }
      data-touchpoint-id={tp.id}
      data-stage-id={tp.stageId}
      data-lane-id={tp.laneId}
      data-testid="touchpoint-card"
      aria-label={tp.title}
    >
      <Handle type="target" position={Position.Left} id="l" className="jc-handle" />
      <Handle type="target" position={Position.Top} id="t" className="jc-anchor" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="tb" className="jc-anchor" isConnectable={false} />
      <Handle type="target" position={Position.Right} id="rt" className="jc-anchor" isConnectable={false} />
      {far ? (
        <FarCard title={tp.title} mot={tp.momentOfTruth} over={over} locked={data.locked} dots={data.dots ?? 0} />
      ) : (
        <>
          <div className="jc-card-top">
            <ChannelIcon channel={tp.channel} size={14} />
            <span className="jc-card-title">{tp.title}</span>
            <span className="jc-face" title={`Emotion ${tp.emotion > 0 ? '+' : ''}${tp.emotion}`}>
              <Face score={tp.emotion} />
            </span>
          </div>
          {tp.imageId ? <CardThumb imageId={tp.imageId} title={tp.title} /> : null}
          <div className="jc-card-meta">
            {tp.momentOfTruth ? (
              <span className={`jc-badge jc-badge-mot${crowded ? ' is-icon' : ''}`} title="Moment of truth">
                <Icon d={icons.star} size={11} />
                <span className={crowded ? 'jc-sr' : undefined}>Moment of truth</span>
              </span>
            ) : null}
            {over ? (
              <span
                className="jc-badge jc-badge-warn"
                title={`Demand ${tp.demandCapacity!.demand} is over capacity ${tp.demandCapacity!.capacity} per ${tp.demandCapacity!.period}`}
                data-testid="over-capacity"
              >
                <Icon d={icons.warn} size={11} />
                Over capacity
              </span>
            ) : null}
            {pain ? (
              <span className="jc-badge jc-badge-pain" title={tp.painPoints.join('\n')} data-testid="pain-point-badge">
                {tp.painPoints.length === 1 ? 'Pain point' : `${tp.painPoints.length} pain points`}
              </span>
            ) : null}
            {data.locked ? (
              <span
                className={`jc-badge jc-badge-lock${crowded || crowdedLock ? ' is-icon' : ''}`}
                title="Locked by a facilitator"
              >
                <Icon d={icons.lock} size={11} />
                <span className={crowded || crowdedLock ? 'jc-sr' : undefined}>Locked</span>
              </span>
            ) : null}
            {data.dots ? (
              <span
                className="jc-badge jc-badge-dots"
                title={`${data.dots} ${data.dots === 1 ? 'vote' : 'votes'}`}
                data-testid="vote-count"
              >
                <span className="jc-dot" aria-hidden="true" />
                {data.dots}
              </span>
            ) : null}
            {data.subjourney ? (
              <Button
                variant="plain"
                className="jc-badge jc-badge-link nodrag"
                title={`Sub-journey: ${data.subjourney.title}`}
                onClick={(e) => {
                  e.stopPropagation();
                  actions.openMap(data.subjourney!.id);
                }}
              >
                <Icon d={icons.link} size={11} />
                <span className="jc-badge-text">{data.subjourney.title}</span>
              </Button>
            ) : null}
          </div>
          <div className="jc-card-foot">
            <span
              className={`jc-owner${data.ownerName ? '' : ' is-empty'}`}
              title={data.ownerName ? `Owner role: ${data.ownerName}` : 'No owner role'}
            >
              <Icon d={icons.user} size={12} />
              <span className="jc-owner-name">{data.ownerName ?? 'No owner'}</span>
            </span>
            {/* Only what is there is counted (as comments were): two zeros on every new card took
                the room the owner role's name needs. */}
            <span className="jc-counts">
              {data.roleCount ? (
                <span
                  title={`${countPhrase({ count: data.roleCount, one: 'role' })} attached`}
                  aria-label={countPhrase({ count: data.roleCount, one: 'role' })}
                >
                  <Icon d={icons.users} size={12} />
                  {data.roleCount}
                </span>
              ) : null}
              {data.competencyCount ? (
                <span
                  title={`${countPhrase({ count: data.competencyCount, one: 'competency', many: 'competencies' })} attached`}
                  aria-label={countPhrase({ count: data.competencyCount, one: 'competency', many: 'competencies' })}
                >
                  <Icon d={icons.spark} size={12} />
                  {data.competencyCount}
                </span>
              ) : null}
              {data.commentCount ? (
                <span
                  title={countPhrase({ count: data.commentCount, one: 'open comment thread' })}
                  aria-label={countPhrase({ count: data.commentCount, one: 'comment' })}
                >
                  <Icon d={icons.comment} size={12} />
                  {data.commentCount}
                </span>
              ) : null}
            </span>
          </div>
        </>
      )}
      {data.vote ? (
        <Button
          variant="plain"
          className={`jc-vote-btn nodrag is-${data.vote}`}
          aria-pressed={data.vote === 'mine'}
          disabled={data.vote === 'spent'}
          // The name starts with the words shown ("Vote", "Voted"), as speech input expects.
          aria-label={
            data.vote === 'mine' ? `Voted: take your dot back from ${tp.title}` : `Vote: put a dot on ${tp.title}`
          }
          title={data.vote === 'spent' ? 'You have placed all your dots' : undefined}
          onClick={(e) => {
            e.stopPropagation();
            actions.vote(tp.id, data.vote !== 'mine');
          }}
        >
          <span className="jc-dot" aria-hidden="true" />
          {data.vote === 'mine' ? 'Voted' : 'Vote'}
        </Button>
      ) : null}
      {peer ? (
        <span className="jc-peer-tag" style={{ background: peer.color }}>
          {peer.name}
        </span>
      ) : null}
      <Handle type="source" position={Position.Right} id="r" className="jc-handle" />
      <Handle type="source" position={Position.Bottom} id="b" className="jc-anchor" isConnectable={false} />
      <Handle type="source" position={Position.Top} id="st" className="jc-anchor" isConnectable={false} />
    </div>
  );
});

/** The card's picture, small; a picture that cannot be loaded says so in its tooltip. */
function CardThumb({ imageId, title }: { imageId: string; title: string }) {
  const image = useImage(imageId);
  if (image?.status === 'ready') {
    return <img className="jc-card-thumb" src={image.url} alt={`Picture: ${title}`} data-testid="card-image" />;
  }
  return (
    <span
      className="jc-card-thumb is-empty"
      role="img"
      aria-label={image?.status === 'failed' ? `Picture not available: ${image.message}` : 'Loading the picture'}
      title={image?.status === 'failed' ? image.message : undefined}
    />
  );
}

/**
 * A card seen from far away (level of detail): its title and icon-only markers for what must stay
 * visible at any zoom. A fraction of the full card's DOM, which keeps a map of a thousand
 * touchpoints responsive when all of it is on screen.
 */
export function FarCard({
  title,
  mot,
  over,
  locked,
  dots,
}: {
  title: string;
  mot: boolean;
  over: boolean;
  locked: boolean;
  dots: number;
}) {
  return (
    <div className="jc-card-far">
      <span className="jc-card-title">{title}</span>
      {mot || over || locked || dots ? (
        <span className="jc-card-far-marks">
          {mot ? (
            <span className="jc-badge jc-badge-mot" title="Moment of truth" aria-label="Moment of truth">
              <Icon d={icons.star} size={14} />
            </span>
          ) : null}
          {over ? (
            <span
              className="jc-badge jc-badge-warn"
              title="Demand over capacity"
              aria-label="Over capacity"
              data-testid="over-capacity"
            >
              <Icon d={icons.warn} size={14} />
            </span>
          ) : null}
          {locked ? (
            <span className="jc-badge jc-badge-lock" title="Locked by a facilitator" aria-label="Locked">
              <Icon d={icons.lock} size={14} />
            </span>
          ) : null}
          {dots ? (
            <span
              className="jc-badge jc-badge-dots"
              title={`${dots} ${dots === 1 ? 'vote' : 'votes'}`}
              data-testid="vote-count"
            >
              <span className="jc-dot" aria-hidden="true" />
              {dots}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
