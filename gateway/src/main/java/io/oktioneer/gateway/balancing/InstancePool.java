package io.oktioneer.gateway.balancing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * One service's instances as Spring Cloud LoadBalancer's round robin sees them: those last seen ready, or all of
 * them when none is (a call then goes out as it would without balancing and fails or succeeds on its own; with one
 * instance that is exactly the gateway's behaviour before balancing). The list offered is rebuilt only when an
 * instance changes state, so choosing an instance allocates nothing here.
 */
final class InstancePool implements ServiceInstanceListSupplier {

    private static final Logger log = LoggerFactory.getLogger(InstancePool.class);

    /** One instance: its base URL and whether it was last seen ready. */
    static final class Instance {

        final URI base;
        final ServiceInstance serviceInstance;
        private volatile boolean ready = true;

        private Instance(URI base, ServiceInstance serviceInstance) {
            this.base = base;
            this.serviceInstance = serviceInstance;
        }

        boolean ready() {
            return ready;
        }

        boolean isAt(URI url) {
            return url.getPort() == serviceInstance.getPort()
                    && serviceInstance.getHost().equalsIgnoreCase(url.getHost());
        }
    }

    private final String serviceId;
    private final List<Instance> instances;
    private volatile Flux<List<ServiceInstance>> offered;

    InstancePool(String serviceId, List<URI> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException(serviceId + ": at least one instance URL is needed");
        }
        this.serviceId = serviceId;
        List<Instance> list = new ArrayList<>(urls.size());
        for (URI url : urls) {
            if (url.getHost() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                throw new IllegalArgumentException(serviceId + ": not an http(s) URL with a host: " + url);
            }
            boolean secure = url.getScheme().equals("https");
            int port = url.getPort() >= 0 ? url.getPort() : secure ? 443 : 80;
            ServiceInstance instance = new DefaultServiceInstance(serviceId + "-" + list.size(), serviceId,
                    url.getHost(), port, secure);
            for (Instance other : list) {
                if (other.serviceInstance.getUri().equals(instance.getUri())) {
                    throw new IllegalArgumentException(serviceId + ": instance listed twice: " + url);
                }
            }
            list.add(new Instance(url, instance));
        }
        this.instances = List.copyOf(list);
        publish();
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return offered;
    }

    List<Instance> instances() {
        return instances;
    }

    int size() {
        return instances.size();
    }

    /** What the readiness check saw; the offered list changes only when the instance's state does. */
    synchronized void report(Instance instance, boolean ready, String why) {
        if (instance.ready == ready) {
            return;
        }
        instance.ready = ready;
        if (ready) {
            log.info("{} instance {} is ready: it gets calls again", serviceId, instance.base);
        } else {
            log.warn("{} instance {} is not ready ({}): no calls until it is", serviceId, instance.base, why);
        }
        publish();
    }

    /** A call could not connect to the instance at this URL: it gets no calls until a check sees it ready. */
    void eject(URI url, String why) {
        for (Instance instance : instances) {
            if (instance.isAt(url)) {
                report(instance, false, why);
                return;
            }
        }
    }

    private void publish() {
        List<ServiceInstance> ready = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            if (instance.ready) {
                ready.add(instance.serviceInstance);
            }
        }
        if (ready.isEmpty()) {
            instances.forEach(instance -> ready.add(instance.serviceInstance));
        }
        offered = Flux.just(List.copyOf(ready));
    }
}
