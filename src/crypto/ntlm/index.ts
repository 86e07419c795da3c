export * from './owf';
export * from './responses';
export * from './keys';
export * from './mic';
export * from './signature';
export * from './session';
