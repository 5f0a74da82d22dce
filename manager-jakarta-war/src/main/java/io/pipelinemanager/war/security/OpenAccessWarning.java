package io.pipelinemanager.war.security;

import io.pipelinemanager.core.api.AuthMode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The loud warning of an API without authentication ({@code pm.auth.mode=none}) that listens on more
 * than the loopback interface: anyone who reaches the port is the default tenant's administrator. It
 * is logged at start when the server's bind address is known (WildFly: {@code jboss.bind.address},
 * set by {@code PM_BIND_ADDRESS} for the one-command server), and else once, for the first request
 * that arrives on a non-loopback address.
 */
public final class OpenAccessWarning {

    private static final Logger LOG = Logger.getLogger(OpenAccessWarning.class.getName());
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.%\\w]*:[0-9a-fA-F:.%\\w]*]?");

    private static final OpenAccessWarning SHARED = new OpenAccessWarning();

    private final AtomicBoolean warned = new AtomicBoolean();

    /** The warning of this application (its class loader): logged at most once. */
    public static OpenAccessWarning shared() {
        return SHARED;
    }

    /** The warning for {@code mode} on {@code address}, or empty when the mode authenticates or the address is loopback. */
    public static Optional<String> message(AuthMode mode, String address) {
        if (mode != AuthMode.NONE || address == null || isLoopback(address)) {
            return Optional.empty();
        }
        return Optional.of("SECURITY WARNING: pm.auth.mode=none and the API listens on " + address + ": anyone who "
                + "can reach this port is the default tenant's administrator (reads every table, deletes every "
                + "pipeline, runs any query). Set pm.auth.mode=apikey or jwt (README, Security), or listen on "
                + "127.0.0.1 only.");
    }

    /** Whether {@code address} (an IP literal or host name) is a loopback address; host names other than localhost are not. */
    public static boolean isLoopback(String address) {
        String a = address.trim();
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(a).matches()) {
            return false;
        }
        try {
            // An IP literal: no name lookup happens.
            return InetAddress.getByName(a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a)
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Logs the warning for the server's bind address, if it calls for one; returns whether it did. */
    public boolean atStart(AuthMode mode, String bindAddress) {
        return warnOnce(mode, bindAddress);
    }

    /** Logs the warning for the local address a request arrived on, once per application. */
    public boolean onRequest(AuthMode mode, String localAddress) {
        return !warned.get() && warnOnce(mode, localAddress);
    }

    private boolean warnOnce(AuthMode mode, String address) {
        Optional<String> message = message(mode, address);
        if (message.isPresent() && warned.compareAndSet(false, true)) {
            LOG.warning(message.get());
            return true;
        }
        return false;
    }
}
