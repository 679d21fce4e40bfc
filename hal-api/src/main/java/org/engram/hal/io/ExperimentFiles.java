package org.engram.hal.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.engram.hal.model.Experiment;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads experiment files: the {@code engram.v1.Experiment} message as JSON ({@code .json}) or YAML. */
public final class ExperimentFiles {
    private ExperimentFiles() {}

    public static Experiment read(Path file) throws IOException {
        String text = Files.readString(file);
        String name = file.getFileName().toString().toLowerCase();
        boolean json = name.endsWith(".json");
        return ExperimentCodec.toModel(DataFiles.inline(parseMessage(text, json, file.toString()), file, file.toString()), file.toString());
    }

    /**
     * Parses JSON ({@code json == true}) or YAML text into a checked model; data files it names resolve
     * against the working directory.
     */
    public static Experiment parse(String text, boolean json, String source) {
        return ExperimentCodec.toModel(DataFiles.inline(parseMessage(text, json, source), null, source), source);
    }

    /** Parses JSON or YAML text into the protobuf message, rejecting unknown fields with their path. */
    public static org.engram.proto.v1.Experiment parseMessage(String text, boolean json, String source) {
        JsonElement tree;
        try {
            tree = json ? JsonParser.parseString(text) : yamlToJson(text);
        } catch (JsonSyntaxException | YAMLException e) {
            throw new ExperimentFormatException(source, List.of(new ExperimentFormatException.Problem("",
                    "not valid " + (json ? "JSON" : "YAML") + ": " + firstLine(e.getMessage()))));
        }
        if (tree == null || tree.isJsonNull()) {
            throw new ExperimentFormatException(source, List.of(new ExperimentFormatException.Problem("", "the file is empty")));
        }
        List<ExperimentFormatException.Problem> problems = new ArrayList<>();
        JsonSchemaCheck.check(tree, org.engram.proto.v1.Experiment.getDescriptor(), "", problems);
        if (!problems.isEmpty()) throw new ExperimentFormatException(source, problems);
        var builder = org.engram.proto.v1.Experiment.newBuilder();
        try {
            JsonFormat.parser().merge(tree.toString(), builder);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new ExperimentFormatException(source, List.of(new ExperimentFormatException.Problem("", firstLine(e.getMessage()))));
        }
        return builder.build();
    }

    private static JsonElement yamlToJson(String text) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(50);
        Object data = new Yaml(new SafeConstructor(opts)).load(text);
        return new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create().toJsonTree(data);
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
