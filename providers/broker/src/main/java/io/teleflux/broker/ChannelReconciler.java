package io.teleflux.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The robot's view of which bridged channel is open on which SCTP id, and what each heartbeat ack asks to change: a
 * pure state machine, driven serially by the heartbeat loop.
 *
 * <ul>
 *   <li>An operator joins: ids appear, the channels are opened.</li>
 *   <li>The operator leaves or is evicted: ids become null, the channels are closed; when {@code state_reliable}
 *   goes from an open id to null the plan says {@linkplain Plan#operatorLost() operator lost}.</li>
 *   <li>The operator rejoins: fresh ids, the old channels are closed and new ones opened.</li>
 * </ul>
 * An id is recorded only by {@link #opened}, after the channel really opened, so a failed open is retried by the next
 * ack's plan. Closing forgets the id at once.
 */
final class ChannelReconciler {

    /** One channel to change: close {@code closeId} (if not null), then open {@code openId} (if not null). */
    record Step(String name, Integer closeId, Integer openId) {
    }

    /** What one ack asks for, in reconcile order. */
    record Plan(List<Step> steps, boolean operatorLost) {
        Plan {
            steps = List.copyOf(steps);
        }

        boolean isEmpty() {
            return steps.isEmpty() && !operatorLost;
        }
    }

    private final Map<String, Integer> open = new HashMap<>();

    /** The changes that bring the open channels to {@code wanted}. Does not change the recorded state. */
    Plan plan(ChannelIdMap wanted) {
        List<Step> steps = new ArrayList<>();
        boolean lost = false;
        for (Map.Entry<String, Integer> e : wanted.ids().entrySet()) {
            String name = e.getKey();
            Integer want = e.getValue();
            Integer have = open.get(name);
            if (Objects.equals(want, have)) {
                continue;
            }
            if (ChannelIdMap.STATE.equals(name) && have != null && want == null) {
                lost = true;
            }
            steps.add(new Step(name, have, want));
        }
        return new Plan(steps, lost);
    }

    /** Records that {@code name} is open on {@code id}. */
    void opened(String name, int id) {
        open.put(name, id);
    }

    /** Forgets {@code name}'s id (its channel was closed). */
    void closed(String name) {
        open.remove(name);
    }

    /** The id {@code name} is open on, or null. */
    Integer idOf(String name) {
        return open.get(name);
    }

    /** Forgets every id, so a reconnect re-opens channels even when the broker hands out the same ids again. */
    void clear() {
        open.clear();
    }
}
