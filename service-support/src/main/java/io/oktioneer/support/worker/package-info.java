/** Background threads with a start/stop lifecycle. */
package io.oktioneer.support.worker;
