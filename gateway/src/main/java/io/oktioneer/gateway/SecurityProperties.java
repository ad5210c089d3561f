package io.oktioneer.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oktioneer.security.*}: the token the services expect from the gateway, and the bootstrap admin key
 * (environment {@code OKTIONEER_ADMIN_KEY}; none when blank).
 */
@ConfigurationProperties("oktioneer.security")
public record SecurityProperties(String internalToken, String adminKey) {

    public SecurityProperties {
        if (internalToken == null || internalToken.isBlank()) {
            throw new IllegalArgumentException("oktioneer.security.internal-token must be set");
        }
    }

    /** Values never printed: this record may end up in a log or an actuator answer. */
    @Override
    public String toString() {
        return "SecurityProperties[internalToken=***, adminKey=" + (hasAdminKey() ? "***" : "none") + "]";
    }

    public boolean hasAdminKey() {
        return adminKey != null && !adminKey.isBlank();
    }
}
