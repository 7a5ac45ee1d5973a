using System.Text.Json;
using Json.Schema;

namespace ManifestLint.Core.Schema;

/// <summary>
/// The <see cref="KubernetesFormats"/> checks as JsonSchema.Net formats, in a registry of their own (not the global one, whose
/// date-time, uuid and ipv4 judge by the JSON Schema specification, not as Kubernetes does). Custom resources are evaluated
/// with it, and so is the built-in document in the differential test, which then compares like with like.
/// </summary>
public static class KubernetesFormatRegistry
{
    public static FormatRegistry Instance { get; } = Create();

    /// <summary>Evaluation options that assert formats (draft-07 only annotates them by default) with these checks.</summary>
    public static EvaluationOptions Options(OutputFormat output) =>
        new() { OutputFormat = output, RequireFormatValidation = true, FormatRegistry = Instance };

    private static FormatRegistry Create()
    {
        var registry = new FormatRegistry();
        foreach (var format in KubernetesFormats.All)
        {
            registry.Register(new KubernetesJsonFormat(format));
        }

        return registry;
    }

    private sealed class KubernetesJsonFormat(KubernetesFormat format) : Format(KubernetesFormats.Name(format))
    {
        public override bool Validate(JsonElement value, out string? errorMessage)
        {
            errorMessage = null;
            return value.ValueKind switch
            {
                JsonValueKind.String => KubernetesFormats.IsValidString(format, value.GetString()),
                JsonValueKind.Number => KubernetesFormats.IsValidNumber(format, value.GetRawText()),
                _ => true,
            };
        }
    }
}
