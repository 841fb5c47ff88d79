package io.teleflux.webrtc;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether WebRTC may run here, as a JUnit condition: {@code @ExtendWith(NetworkNamespace.class)} skips a test class
 * unless {@link #hasUsableInterface()}.
 *
 * <p>libwebrtc ignores loopback, so it needs a non-loopback interface that is up. On the project's machines such an
 * interface exists outside the test's own network namespace too (the machine's address, which tests must not use),
 * so an interface alone is not enough: the JVM must also run in a network namespace that one of its ancestor processes
 * created (as {@code unshare -n} does for the test run), or the user must allow the host network explicitly with
 * {@code -Dteleflux.webrtc.hostNetwork=true} (a developer's own machine).
 */
public final class NetworkNamespace implements ExecutionCondition {

    /** The system property that allows WebRTC tests on the host's network. */
    public static final String ALLOW_HOST_NETWORK = "teleflux.webrtc.hostNetwork";

    /** True if a non-loopback interface is up and the network is one the tests may use. See the class comment. */
    public static boolean hasUsableInterface() {
        return hasNonLoopbackInterface() && (inPrivateNamespace() || Boolean.getBoolean(ALLOW_HOST_NETWORK));
    }

    static boolean hasNonLoopbackInterface() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback() && nic.getInetAddresses().hasMoreElements()) {
                    return true;
                }
            }
            return false;
        } catch (SocketException e) {
            return false;
        }
    }

    /**
     * Whether this process runs in a network namespace that one of its ancestors created: some readable ancestor's
     * {@code /proc/<pid>/ns/net} differs from ours. False when nothing can be read (not Linux, no permission).
     */
    static boolean inPrivateNamespace() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            for (var p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
                try {
                    if (!Files.readSymbolicLink(Path.of("/proc/" + p.get().pid() + "/ns/net")).equals(self)) {
                        return true;
                    }
                } catch (IOException | SecurityException unreadable) {
                    // e.g. PID 1 in a container; look further up
                }
            }
            return false;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (hasUsableInterface()) {
            return ConditionEvaluationResult.enabled("a usable non-loopback interface is up");
        }
        return ConditionEvaluationResult.disabled("WebRTC needs a non-loopback interface in a private network "
                + "namespace (run the tests under unshare -n with a veth pair, see providers/webrtc README), or -D"
                + ALLOW_HOST_NETWORK + "=true on your own machine");
    }
}
