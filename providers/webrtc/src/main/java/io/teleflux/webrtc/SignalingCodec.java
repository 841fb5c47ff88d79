package io.teleflux.webrtc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket wire format of {@link SignalingMessage}s: one flat JSON object per text frame, shaped like the
 * browser's own objects so that a JavaScript operator can speak it:
 * <pre>
 * {"type":"offer","sdp":"…","channels":"cmd,state","framing":"fragment,coalesce"}
 * {"type":"answer","sdp":"…","framing":"coalesce"}
 * {"type":"candidate","sdpMid":"0","sdpMLineIndex":0,"candidate":"candidate:…"}   {"type":"bye","reason":"…"}
 * {"type":"paired"}   (server to client: the peer is there)
 * </pre>
 * {@code framing} (teleflux's negotiated features, see {@code Framing}) is written only when not empty and read as
 * empty when absent, so a browser neither sees nor needs it. Other unknown keys are ignored. Only flat objects of strings
 * and integers are read; anything else is an {@link IllegalArgumentException}.
 */
final class SignalingCodec {

    /** The server's announcement that a peer was paired with this connection. */
    static final String PAIRED = "{\"type\":\"paired\"}";

    private SignalingCodec() {
    }

    static String encode(SignalingMessage message) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (message instanceof SignalingMessage.Offer o) {
            m.put("type", "offer");
            m.put("sdp", o.sdp());
            m.put("channels", String.join(",", o.channels()));
            putList(m, "framing", o.framing());
        } else if (message instanceof SignalingMessage.Answer a) {
            m.put("type", "answer");
            m.put("sdp", a.sdp());
            putList(m, "framing", a.framing());
        } else if (message instanceof SignalingMessage.Candidate c) {
            m.put("type", "candidate");
            m.put("sdpMid", c.sdpMid());
            m.put("sdpMLineIndex", c.sdpMLineIndex());
            m.put("candidate", c.candidate());
        } else if (message instanceof SignalingMessage.Bye b) {
            m.put("type", "bye");
            m.put("reason", b.reason());
        } else {
            throw new IllegalArgumentException("unknown signaling message " + message);
        }
        return toJson(m);
    }

    /** Whether {@code text} is the server's {@link #PAIRED} announcement. */
    static boolean isPaired(String text) {
        return "paired".equals(parse(text).get("type"));
    }

    static SignalingMessage decode(String text) {
        Map<String, Object> m = parse(text);
        Object type = m.get("type");
        if ("offer".equals(type)) {
            return new SignalingMessage.Offer(string(m, "sdp"), list(string(m, "channels")),
                    optionalList(m, "framing"));
        } else if ("answer".equals(type)) {
            return new SignalingMessage.Answer(string(m, "sdp"), optionalList(m, "framing"));
        } else if ("candidate".equals(type)) {
            Object index = m.get("sdpMLineIndex");
            if (!(index instanceof Long l)) {
                throw new IllegalArgumentException("candidate without an integer sdpMLineIndex: " + text);
            }
            return new SignalingMessage.Candidate(string(m, "sdpMid"), Math.toIntExact(l), string(m, "candidate"));
        } else if ("bye".equals(type)) {
            Object reason = m.get("reason");
            return new SignalingMessage.Bye(reason instanceof String s ? s : "");
        }
        throw new IllegalArgumentException("unknown signaling message type " + type);
    }

    private static void putList(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, String.join(",", values));
        }
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of() : Arrays.asList(commaSeparated.split(","));
    }

    /** A comma-separated list under {@code key}; empty if absent or not a string. */
    private static List<String> optionalList(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? list(s) : List.of();
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("signaling message without a string '" + key + "'");
        }
        return s;
    }

    static String toJson(Map<String, Object> m) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            quote(b, e.getKey());
            b.append(':');
            if (e.getValue() instanceof String s) {
                quote(b, s);
            } else {
                b.append(e.getValue());
            }
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Parses a flat JSON object whose values are strings or integers. */
    static Map<String, Object> parse(String text) {
        Parser p = new Parser(text);
        Map<String, Object> m = p.object();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return m;
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                m.put(key, peek() == '"' ? string() : integer());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        Long integer() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a string or an integer");
            }
            return Long.parseLong(s.substring(start, pos));
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad signaling JSON at " + pos + ": " + what);
        }
    }
}
