/** English strings of the "Refine mask" panel. */
export const enRefine = {
  'action.refineMask': 'Refine mask…',
  'refine.title': 'Refine mask',
  'refine.description': 'Changes the whole mask at once. The canvas shows the result while you adjust it; Apply keeps it as one undo step, Cancel leaves the mask as it was.',
  'refine.op': 'Refinement',
  'refine.grow': 'Grow',
  'refine.shrink': 'Shrink',
  'refine.fillHoles': 'Fill holes',
  'refine.removeSpecks': 'Remove specks',
  'refine.smooth': 'Smooth edges',
  'refine.px': 'Distance (image pixels)',
  'refine.area': 'Smaller than (square pixels)',
  'refine.radius': 'Radius (image pixels)',
  'refine.fillHolesNote': 'Every unpainted area the mask encloses is painted.',
  'refine.apply': 'Apply',
  'refine.cancel': 'Cancel',
} as const;
