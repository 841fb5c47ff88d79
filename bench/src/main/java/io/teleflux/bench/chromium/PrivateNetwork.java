package io.teleflux.bench.chromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether WebRTC traffic may be generated here: only in a network namespace that an ancestor process created (as
 * {@code ./teleflux netns} does), or with {@code -Dteleflux.webrtc.hostNetwork=true} on a developer's own machine.
 * The same rule as the provider's test condition {@code io.teleflux.webrtc.NetworkNamespace}, which lives in a
 * test-jar and so is not on the benchmark's runtime classpath.
 */
final class PrivateNetwork {

    static final String REFUSAL = "Chromium's peer connections would use this machine's network: run inside a "
            + "private network namespace (./teleflux netns java ...), or pass -Dteleflux.webrtc.hostNetwork=true "
            + "on your own machine";

    private PrivateNetwork() {
    }

    static boolean usable() {
        return Boolean.getBoolean("teleflux.webrtc.hostNetwork") || inPrivateNamespace();
    }

    /** Some readable ancestor's {@code /proc/<pid>/ns/net} differs from this process's. */
    private static boolean inPrivateNamespace() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            for (var p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
                try {
                    if (!Files.readSymbolicLink(Path.of("/proc/" + p.get().pid() + "/ns/net")).equals(self)) {
                        return true;
                    }
                } catch (IOException | SecurityException unreadable) {
                    // look further up
                }
            }
            return false;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
