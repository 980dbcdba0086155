// What other tools may call of Notifications (ADR 037): notifying a person, and counting what they have not read.
export { emailAddress, emailOnly, emailTopics, notify, type EmailTopic } from './notify.server';
export { countUnread } from './queries.server';
export { pushToMany, pushToPerson, pushTopics, type PushTopic } from './push.server';
