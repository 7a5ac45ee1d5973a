namespace ManifestLint.CorpusGenerator.Model;

/// <summary>The deliberate faults, in the round-robin order they are handed out.</summary>
internal enum FaultKind
{
    ServiceSelectorTypo,
    ServiceTargetPortName,
    IngressServiceName,
    IngressServicePort,
    SecretKeyMissing,
    ConfigMapKeyMissing,
    HpaTargetMissing,
    ReadinessProbePortName,
}

/// <param name="Key">The mapping key on the line the diagnostic must start at.</param>
internal sealed record FaultDefinition(FaultKind Kind, string RuleId, string Key, string TargetKind, string Description);

internal static class FaultCatalog
{
    public static IReadOnlyList<FaultDefinition> All { get; } =
    [
        new(FaultKind.ServiceSelectorTypo, "ML1001", "selector", "Service", "Service selector label value has a typo and selects no pods"),
        new(FaultKind.ServiceTargetPortName, "ML1003", "targetPort", "Service", "Service targetPort names a port no container declares"),
        new(FaultKind.IngressServiceName, "ML1101", "name", "Ingress", "Ingress backend names a Service that does not exist"),
        new(FaultKind.IngressServicePort, "ML1102", "number", "Ingress", "Ingress backend port number is not a port of the Service"),
        new(FaultKind.SecretKeyMissing, "ML1304", "key", "Deployment", "env secretKeyRef key is missing from the Secret"),
        new(FaultKind.ConfigMapKeyMissing, "ML1302", "key", "Deployment", "env configMapKeyRef key is missing from the ConfigMap"),
        new(FaultKind.HpaTargetMissing, "ML1401", "name", "HorizontalPodAutoscaler", "HPA scaleTargetRef names no Deployment"),
        new(FaultKind.ReadinessProbePortName, "ML1006", "port", "Deployment", "readinessProbe httpGet port names no declared container port"),
    ];

    public static FaultDefinition Get(FaultKind kind) => All[(int)kind];
}
