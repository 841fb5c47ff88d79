package io.teleflux.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies the ICE candidates of the first m-section that has any into every m-section that has none. An SFU (like
 * Cloudflare's) may put {@code a=candidate} lines only on the video section of a bundled answer; a stack that keys
 * remote candidates per m-section would then see none for the data section. Harmless for stacks that do not.
 */
final class BundleCandidates {

    private BundleCandidates() {
    }

    static String propagate(String sdp) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = sdp.split("\r?\n", -1);
        List<List<String>> sections = new ArrayList<>();
        List<String> current = new ArrayList<>();
        sections.add(current);
        for (String line : lines) {
            if (line.startsWith("m=")) {
                current = new ArrayList<>();
                sections.add(current);
            }
            current.add(line);
        }
        List<String> candidates = null;
        for (int i = 1; i < sections.size() && candidates == null; i++) {
            List<String> found = sections.get(i).stream()
                    .filter(l -> l.startsWith("a=candidate:") || l.equals("a=end-of-candidates")).toList();
            if (found.stream().anyMatch(l -> l.startsWith("a=candidate:"))) {
                candidates = found;
            }
        }
        if (candidates == null || sections.size() < 3) {
            return sdp;
        }
        StringBuilder out = new StringBuilder(sdp.length() + 256);
        for (int i = 0; i < sections.size(); i++) {
            List<String> section = new ArrayList<>(sections.get(i));
            boolean trailingEmpty = i == sections.size() - 1 && !section.isEmpty()
                    && section.get(section.size() - 1).isEmpty();
            if (trailingEmpty) {
                section.remove(section.size() - 1);
            }
            if (i > 0 && section.stream().noneMatch(l -> l.startsWith("a=candidate:"))) {
                section.addAll(candidates);
            }
            for (String line : section) {
                out.append(line).append(eol);
            }
        }
        String result = out.toString();
        return sdp.endsWith(eol) ? result : result.substring(0, result.length() - eol.length());
    }
}
