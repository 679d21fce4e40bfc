package org.engram.hal.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import java.util.List;

/**
 * Walks a JSON tree against a protobuf descriptor before parsing, so that unknown fields and wrong
 * shapes are reported with their full path (protobuf's own parser names only the message type).
 */
final class JsonSchemaCheck {
    private JsonSchemaCheck() {}

    static void check(JsonElement json, Descriptor type, String path, List<ExperimentFormatException.Problem> out) {
        if (!json.isJsonObject()) {
            out.add(new ExperimentFormatException.Problem(path, "expected an object (" + type.getName() + ")"));
            return;
        }
        JsonObject obj = json.getAsJsonObject();
        for (var e : obj.entrySet()) {
            FieldDescriptor f = find(type, e.getKey());
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (f == null) {
                out.add(new ExperimentFormatException.Problem(child, "unknown field in " + type.getName()
                        + suggestion(type, e.getKey())));
                continue;
            }
            JsonElement v = e.getValue();
            if (v.isJsonNull()) continue;
            if (f.isMapField()) {
                // a map is an object: its keys are free, its values have the map's value type
                if (!v.isJsonObject()) {
                    out.add(new ExperimentFormatException.Problem(child, "expected a map (an object of names to values)"));
                    continue;
                }
                FieldDescriptor value = f.getMessageType().findFieldByName("value");
                for (var m : v.getAsJsonObject().entrySet()) element(m.getValue(), value, child + "." + m.getKey(), out);
            } else if (f.isRepeated()) {
                if (!v.isJsonArray()) {
                    out.add(new ExperimentFormatException.Problem(child, "expected a list"));
                    continue;
                }
                JsonArray arr = v.getAsJsonArray();
                for (int i = 0; i < arr.size(); i++) element(arr.get(i), f, child + "[" + i + "]", out);
            } else {
                element(v, f, child, out);
            }
        }
    }

    private static void element(JsonElement v, FieldDescriptor f, String path, List<ExperimentFormatException.Problem> out) {
        switch (f.getJavaType()) {
            case MESSAGE -> check(v, f.getMessageType(), path, out);
            case STRING -> {
                if (!v.isJsonPrimitive()) out.add(new ExperimentFormatException.Problem(path, "expected a string"));
            }
            case INT, LONG, FLOAT, DOUBLE -> {
                if (!v.isJsonPrimitive()) out.add(new ExperimentFormatException.Problem(path, "expected a number"));
                else if (v.getAsJsonPrimitive().isString()) {
                    String s = v.getAsString();
                    try {
                        Double.parseDouble(s);
                    } catch (NumberFormatException ex) {
                        out.add(new ExperimentFormatException.Problem(path, "expected a plain number, got '" + s
                                + "'" + (s.matches(".*\\d.*[a-zA-Z].*") ? " (this field is dimensionless: drop the unit)" : "")));
                    }
                }
            }
            case BOOLEAN -> {
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) out.add(new ExperimentFormatException.Problem(path, "expected true or false"));
            }
            case ENUM -> {
                if (!v.isJsonPrimitive() || f.getEnumType().findValueByName(v.getAsString()) == null) {
                    List<String> names = f.getEnumType().getValues().stream().map(x -> x.getName())
                            .filter(n -> !n.endsWith("_UNSPECIFIED")).toList();
                    out.add(new ExperimentFormatException.Problem(path, "expected one of " + names));
                }
            }
            default -> { }
        }
    }

    private static FieldDescriptor find(Descriptor type, String key) {
        for (FieldDescriptor f : type.getFields()) {
            if (f.getName().equals(key) || f.getJsonName().equals(key)) return f;
        }
        return null;
    }

    private static String suggestion(Descriptor type, String key) {
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (FieldDescriptor f : type.getFields()) {
            int d = distance(key.toLowerCase(), f.getName());
            if (d < bestDist) {
                bestDist = d;
                best = f.getName();
            }
        }
        String known = type.getFields().stream().map(FieldDescriptor::getName).toList().toString();
        return (best != null && bestDist <= 2 ? " (did you mean '" + best + "'?)" : "") + "; known fields: " + known;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
