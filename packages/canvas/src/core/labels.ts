// How connections run between cards and where their labels go is shared with the map picture
// (@journeycraft/picture), so an exported picture draws the lines and labels the canvas shows.
export {
  AROUND_REACH,
  ROUTE_HANDLES,
  connectionCurve,
  curveBetween,
  curvePath,
  labelBox,
  placeConnections,
  pointAt,
  routeConnections,
  routeCurve,
  verticalAt,
} from '@journeycraft/picture';
export type {
  ConnectionEnds,
  ConnectionRoute,
  Curve,
  HandleSide,
  LabelPlace,
  LabelSide,
  RoutedConnection,
} from '@journeycraft/picture';
