export * from './regression';
export * from './auc';
export * from './classification';
