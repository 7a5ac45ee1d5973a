namespace ManifestLint.CorpusGenerator.Model;

/// <summary>How an app's objects are spread over files; varied so the linter sees every input shape it must handle.</summary>
internal enum AppLayout
{
    /// <summary>All objects in one file, separated by "---".</summary>
    MultiDocument,
    /// <summary>One object per .yaml file in the app's own folder.</summary>
    FilePerObject,
    /// <summary>One file holding a single kind: List document.</summary>
    List,
    /// <summary>One object per .json file in the app's own folder.</summary>
    Json,
    /// <summary>`helm template` output: "---" plus a "# Source:" comment before each object, in Helm's install order.</summary>
    HelmRendered,
}

internal sealed record NamespaceSpec(string Name, string Team, string Environment)
{
    public string Folder => $"teams/{Team}/{Name}";

    public string Domain => $"{Name}.example.com";

    public const string TlsSecretName = "wildcard-tls";
}

/// <summary>Everything random about one app, drawn up front so that building and emitting are pure functions of it.</summary>
internal sealed record AppSpec
{
    public required int Index { get; init; }
    public required string Name { get; init; }
    public required NamespaceSpec Namespace { get; init; }
    public required string Component { get; init; }
    public required string Tier { get; init; }
    public required string Version { get; init; }
    public required int Replicas { get; init; }
    public required bool HasIngress { get; init; }
    public required bool HasSidecar { get; init; }
    public required bool TcpLivenessProbe { get; init; }
    public required bool HasStartupProbe { get; init; }
    public required bool IngressPortByName { get; init; }
    public required bool HasApiPath { get; init; }
    public required string CpuRequest { get; init; }
    public required string MemoryRequest { get; init; }
    public required string CpuLimit { get; init; }
    public required string MemoryLimit { get; init; }
    public required string LogLevel { get; init; }
    public required string FeatureFlags { get; init; }
    public required int PoolSize { get; init; }
    public required int TimeoutSeconds { get; init; }
    public required int CacheTtlSeconds { get; init; }
    public required string DbUser { get; init; }
    public required string DbPassword { get; init; }
    public required string ApiToken { get; init; }
    public required AppLayout Layout { get; init; }

    /// <summary>The one fault this app carries, if any, and the wrong value that realizes it.</summary>
    public FaultKind? Fault { get; init; }
    public string? FaultValue { get; init; }

    public string NamespaceName => Namespace.Name;
    public string ConfigMapName => $"{Name}-config";
    public string SecretName => $"{Name}-secrets";
    public string Host => $"{Name}.{Namespace.Domain}";
    public string Image => $"registry.example.com/{Namespace.Team}/{Name}:{Version}";

    public bool Has(FaultKind kind) => Fault == kind;

    /// <summary>The faulty value when this app carries <paramref name="kind"/>, otherwise the correct one.</summary>
    public string ValueOr(FaultKind kind, string correct) => Fault == kind ? FaultValue! : correct;
}
