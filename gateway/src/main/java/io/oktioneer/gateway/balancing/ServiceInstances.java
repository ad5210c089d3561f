package io.oktioneer.gateway.balancing;

import io.oktioneer.gateway.GatewayProperties;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The instances of each routed service, from {@code oktioneer.gateway.services.*} (the one place of the URLs),
 * by the service id of the routes' {@code lb://} URIs.
 */
@Component
class ServiceInstances {

    static final String PREFERENCE = "preference-service";
    static final String AUCTION = "auction-service";
    static final String HISTORY = "history-consumer";

    private final Map<String, InstancePool> pools;

    ServiceInstances(GatewayProperties gateway) {
        Map<String, InstancePool> byId = new LinkedHashMap<>();
        byId.put(PREFERENCE, new InstancePool(PREFERENCE, gateway.services().preference()));
        byId.put(AUCTION, new InstancePool(AUCTION, gateway.services().auction()));
        byId.put(HISTORY, new InstancePool(HISTORY, gateway.services().history()));
        this.pools = byId;
    }

    /** The service's instances, or null for a service id no route should name. */
    InstancePool pool(String serviceId) {
        return pools.get(serviceId);
    }

    Collection<InstancePool> pools() {
        return pools.values();
    }
}
