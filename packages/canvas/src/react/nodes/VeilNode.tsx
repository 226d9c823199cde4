import { memo } from 'react';

/** A translucent veil over what is not on show in a presentation (never takes a pointer or focus). */
export const VeilNode = memo(function VeilNode() {
  return <div className="jc-veil" aria-hidden="true" />;
});
