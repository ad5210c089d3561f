/**
 * The transactional outbox, one way for every service: the service writes its events into its outbox table in
 * the transaction of the change; {@link io.oktioneer.support.outbox.OutboxRelay} publishes them to the service's
 * topic. A service imports {@link io.oktioneer.support.outbox.OutboxConfiguration} and declares an
 * {@link io.oktioneer.support.outbox.OutboxDefinition}.
 */
package io.oktioneer.support.outbox;
