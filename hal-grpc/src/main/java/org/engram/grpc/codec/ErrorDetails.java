package org.engram.grpc.codec;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.engram.hal.device.FitReport;
import org.engram.hal.io.ExperimentFormatException;
import org.engram.proto.v1.FitReportData;

import java.util.List;
import java.util.Optional;

/**
 * The error model: every rejection is a gRPC status with {@code google.rpc} details, built with
 * {@link StatusProto}, so a client in any language reads the field path and the rule.
 * <ul>
 *   <li>INVALID_ARGUMENT + {@link BadRequest}: one field violation per problem (field = path, description = rule)</li>
 *   <li>FAILED_PRECONDITION + {@link PreconditionFailure} (type = rule, subject = element) + {@link FitReportData}</li>
 *   <li>NOT_FOUND + {@link ResourceInfo} (device or job)</li>
 *   <li>PERMISSION_DENIED / UNAUTHENTICATED + {@link ErrorInfo} (reason, domain "engram")</li>
 * </ul>
 */
public final class ErrorDetails {
    public static final String DOMAIN = "engram";

    private ErrorDetails() {}

    public record Violation(String field, String description) {}

    public static StatusRuntimeException invalidArgument(String message, List<Violation> violations) {
        var br = BadRequest.newBuilder();
        for (Violation v : violations) {
            br.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.description()));
        }
        return status(Code.INVALID_ARGUMENT, message, Any.pack(br.build()));
    }

    public static StatusRuntimeException invalidArgument(String field, String description) {
        return invalidArgument(field + ": " + description, List.of(new Violation(field, description)));
    }

    /** An experiment message that the codec rejected; field paths are prefixed with {@code experiment.}. */
    public static StatusRuntimeException invalidExperiment(ExperimentFormatException e) {
        List<Violation> vs = e.problems().stream()
                .map(p -> new Violation(p.path().isEmpty() ? "experiment" : "experiment." + p.path(), p.message()))
                .toList();
        return invalidArgument(e.getMessage(), vs);
    }

    public static StatusRuntimeException doesNotFit(FitReport report) {
        var pf = PreconditionFailure.newBuilder();
        for (FitReport.Issue i : report.errors()) {
            pf.addViolations(PreconditionFailure.Violation.newBuilder().setType(i.rule()).setSubject(i.element())
                    .setDescription(i.message() + (i.remedy().isEmpty() ? "" : " (remedy: " + i.remedy() + ")")));
        }
        return status(Code.FAILED_PRECONDITION, report.toString(), Any.pack(pf.build()), Any.pack(DeviceCodec.fitReport(report)));
    }

    public static StatusRuntimeException notFound(String resourceType, String name, String message) {
        return status(Code.NOT_FOUND, message, Any.pack(ResourceInfo.newBuilder().setResourceType(resourceType)
                .setResourceName(name).setDescription(message).build()));
    }

    public static StatusRuntimeException failedPrecondition(String reason, String message) {
        return status(Code.FAILED_PRECONDITION, message, errorInfo(reason));
    }

    public static StatusRuntimeException permissionDenied(String reason, String message) {
        return status(Code.PERMISSION_DENIED, message, errorInfo(reason));
    }

    public static StatusRuntimeException unauthenticated(String reason, String message) {
        return status(Code.UNAUTHENTICATED, message, errorInfo(reason));
    }

    private static Any errorInfo(String reason) {
        return Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build());
    }

    private static StatusRuntimeException status(Code code, String message, Any... details) {
        var s = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        for (Any d : details) s.addDetails(d);
        return StatusProto.toStatusRuntimeException(s.build());
    }

    /** A detail of the given type carried by a status exception, if any. */
    public static <T extends com.google.protobuf.Message> Optional<T> detail(Throwable t, Class<T> type) {
        com.google.rpc.Status s = StatusProto.fromThrowable(t);
        if (s == null) return Optional.empty();
        for (Any a : s.getDetailsList()) {
            if (a.is(type)) {
                try {
                    return Optional.of(a.unpack(type));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
