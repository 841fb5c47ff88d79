package io.teleflux.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four bridged channel ids of one heartbeat ack, robot side, in the order the robot reconciles them.
 * {@code state_reliable_back} comes before {@code state_reliable}, so a ping that arrives while the channels come up
 * can be answered, and {@code state_reliable} comes last, so when the operator's first ping is answered every other
 * channel is open too. A null id means "not bridged" (no operator).
 */
final class ChannelIdMap {

    static final String CMD = "cmd_unreliable";
    static final String STATE = "state_reliable";
    static final String STATE_BACK = "state_reliable_back";
    static final String MAP = "map_unreliable";

    private final Map<String, Integer> ids;

    private ChannelIdMap(Map<String, Integer> ids) {
        this.ids = Collections.unmodifiableMap(ids);
    }

    /** From an ack's {@code *_channel_*_id} members; null members mean "not bridged". */
    static ChannelIdMap of(Integer cmd, Integer state, Integer stateBack, Integer map) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(STATE_BACK, stateBack);
        m.put(MAP, map);
        m.put(CMD, cmd);
        m.put(STATE, state);
        return new ChannelIdMap(m);
    }

    /** No channel bridged. */
    static ChannelIdMap none() {
        return of(null, null, null, null);
    }

    /** Name to id (null when not bridged), in reconcile order. */
    Map<String, Integer> ids() {
        return ids;
    }

    @Override
    public String toString() {
        return ids.toString();
    }
}
