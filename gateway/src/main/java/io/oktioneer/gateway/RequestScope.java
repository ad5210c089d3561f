package io.oktioneer.gateway;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Subscription;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Puts a request's observation in scope (its trace id, span id and request id in the MDC) exactly where the
 * gateway writes a log line about the request, instead of on every reactor hop.
 *
 * <p>Why by hand: {@code spring.reactor.context-propagation=auto} restores the observation's thread locals on
 * every hop of every request (12.6 % of the gateway's CPU in a profile, docs/performance.md) only so that log
 * lines carry the ids. The gateway runs with {@code limited} instead and opens the scope itself: around its own
 * log lines ({@link #log}) and, when Spring's request logger ({@code HttpWebHandlerAdapter}, DEBUG) is on,
 * around the completion signal on which that logger writes its {@code Completed 200 OK} line
 * ({@link #completeInScope}). The trace itself (spans, W3C {@code traceparent} downstream) never needed the
 * thread locals: Spring and Spring Cloud Gateway read the observation from the Reactor context.
 */
public final class RequestScope {

    private static final Log REQUEST_LOGGER = LogFactory.getLog(HttpWebHandlerAdapter.class);

    private RequestScope() {
    }

    /** Runs {@code line} (a log call) with the request's observation of {@code context} in scope. */
    public static void log(ContextView context, Runnable line) {
        inScope(context, () -> {
            line.run();
            return null;
        });
    }

    /** Runs {@code work} (which logs) with the request's observation of {@code context} in scope. */
    public static <T> T inScope(ContextView context, Supplier<T> work) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null) {
            return work.get();
        }
        try (Observation.Scope scope = observation.openScope()) {
            return work.get();
        }
    }

    /**
     * {@code source}, whose completion (or error) reaches the subscriber with the request's observation in
     * scope, so that Spring's request logger's {@code Completed} line carries the ids. Unchanged when that
     * logger is not at DEBUG (nothing is logged there then).
     */
    public static <T> Mono<T> completeInScope(Mono<T> source) {
        if (!REQUEST_LOGGER.isDebugEnabled()) {
            return source;
        }
        return new MonoOperator<T, T>(source) {
            @Override
            public void subscribe(CoreSubscriber<? super T> subscriber) {
                Observation observation = subscriber.currentContext().getOrDefault(ObservationThreadLocalAccessor.KEY, null);
                source.subscribe(observation == null ? subscriber : new ScopedTermination<>(subscriber, observation));
            }
        };
    }

    /** Passes signals through; opens the observation's scope around onComplete and onError. */
    private static final class ScopedTermination<T> implements CoreSubscriber<T>, Subscription {

        private final CoreSubscriber<? super T> actual;
        private final Observation observation;
        private Subscription upstream;

        ScopedTermination(CoreSubscriber<? super T> actual, Observation observation) {
            this.actual = actual;
            this.observation = observation;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(upstream, subscription)) {
                upstream = subscription;
                actual.onSubscribe(this); // itself: no fusion, so termination always comes through onComplete
            }
        }

        @Override
        public void onNext(T value) {
            actual.onNext(value);
        }

        @Override
        public void onError(Throwable error) {
            try (Observation.Scope scope = observation.openScope()) {
                actual.onError(error);
            }
        }

        @Override
        public void onComplete() {
            try (Observation.Scope scope = observation.openScope()) {
                actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            upstream.cancel();
        }
    }
}
