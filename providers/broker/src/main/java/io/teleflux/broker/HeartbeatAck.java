package io.teleflux.broker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The broker's answer to a robot heartbeat: the robot-side ids of the four bridged channels (null when no operator is
 * bridged) and, at most once per bridge, an offer for the operator's audio.
 */
record HeartbeatAck(ChannelIdMap channels, String renegotiateOffer) {

    static HeartbeatAck parse(JsonNode ack) {
        return new HeartbeatAck(ChannelIdMap.of(
                BrokerHttp.integer(ack, "cmd_channel_subscriber_id"),
                BrokerHttp.integer(ack, "state_channel_subscriber_id"),
                BrokerHttp.integer(ack, "state_back_channel_publisher_id"),
                BrokerHttp.integer(ack, "map_channel_publisher_id")),
                BrokerHttp.text(ack, "renegotiate_offer"));
    }
}
