/**
 * Service support: what every Oktioneer service does the same way, written once and used by each of them. One
 * sub-package per capability; the services wire what they use in their own {@code @Configuration}.
 */
package io.oktioneer.support;
