using System.Globalization;

namespace ManifestLint.CorpusGenerator.Model;

/// <summary>
/// Draws namespaces and apps from one <see cref="Random"/>. Every draw happens in a fixed order, so a seed fully
/// determines the corpus; nothing here depends on hashing, time or culture.
/// </summary>
internal sealed class SpecFactory(Random random)
{
    private static readonly string[] Teams =
    [
        "payments", "commerce", "search", "identity", "platform", "data", "growth", "logistics", "marketing", "finance",
        "support", "media", "mobile", "security", "ml", "partners", "catalog", "fulfillment", "risk", "insights",
    ];

    private static readonly string[] Environments = ["prod", "staging", "dev", "qa", "perf"];

    private static readonly string[] Domains =
    [
        "accounts", "billing", "cart", "catalog", "checkout", "inventory", "orders", "payments", "pricing", "profile",
        "search", "shipping", "reviews", "notifications", "ledger", "invoices", "coupons", "loyalty", "media", "ratings",
        "sessions", "users", "wishlist", "returns", "refunds", "fraud", "tax", "quotes", "reports", "audit",
        "exports", "imports", "geo", "routing", "tracking", "warehouse", "vendors", "content", "feeds", "offers",
    ];

    /// <summary>Component suffix and the tier it implies; workers and caches get no Ingress.</summary>
    private static readonly (string Component, string Tier)[] Components =
    [
        ("api", "backend"), ("web", "frontend"), ("frontend", "frontend"), ("gateway", "backend"), ("service", "backend"),
        ("worker", "worker"), ("consumer", "worker"), ("scheduler", "worker"), ("indexer", "worker"), ("sync", "worker"),
        ("cache", "cache"), ("grpc", "backend"), ("admin", "frontend"), ("bff", "frontend"), ("exporter", "backend"),
    ];

    private static readonly string[] CpuRequests = ["100m", "250m", "500m", "1"];
    private static readonly string[] CpuLimits = ["500m", "1", "2", "2"];
    private static readonly string[] MemoryRequests = ["128Mi", "256Mi", "512Mi", "1Gi"];
    private static readonly string[] MemoryLimits = ["256Mi", "512Mi", "1Gi", "2Gi"];
    private static readonly string[] LogLevels = ["info", "info", "warn", "debug"];
    private static readonly string[] Features = ["recommendations", "dark-launch", "new-checkout", "rate-limits", "audit-trail", "async-export"];

    public IReadOnlyList<NamespaceSpec> CreateNamespaces(int count)
    {
        // Each team owns one namespace per environment, so a team folder holds up to five namespaces.
        var teamCount = (count + Environments.Length - 1) / Environments.Length;
        var namespaces = new List<NamespaceSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var teamIndex = i % teamCount;
            var team = Teams[teamIndex % Teams.Length] + Suffix(teamIndex / Teams.Length);
            var environment = Environments[i / teamCount % Environments.Length];
            var round = i / teamCount / Environments.Length;
            namespaces.Add(new NamespaceSpec($"{team}-{environment}{Suffix(round)}", team, environment));
        }

        return namespaces;
    }

    public AppSpec CreateApp(int index, NamespaceSpec ns, ISet<string> takenNames)
    {
        var (component, tier) = Components[random.Next(Components.Length)];
        var name = UniqueName($"{Domains[random.Next(Domains.Length)]}-{component}", takenNames);
        var size = random.Next(CpuRequests.Length);
        return new AppSpec
        {
            Index = index,
            Name = name,
            Namespace = ns,
            Component = component,
            Tier = tier,
            Version = Invariant($"{random.Next(1, 5)}.{random.Next(0, 21)}.{random.Next(0, 16)}"),
            Replicas = random.Next(2, 7),
            HasIngress = tier is "frontend" or "backend",
            HasSidecar = random.NextDouble() < 0.15,
            TcpLivenessProbe = random.NextDouble() < 0.4,
            HasStartupProbe = random.NextDouble() < 0.3,
            IngressPortByName = random.NextDouble() < 0.2,
            HasApiPath = random.NextDouble() < 0.3,
            CpuRequest = CpuRequests[size],
            CpuLimit = CpuLimits[size],
            MemoryRequest = MemoryRequests[size],
            MemoryLimit = MemoryLimits[size],
            LogLevel = LogLevels[random.Next(LogLevels.Length)],
            FeatureFlags = PickFeatures(),
            PoolSize = random.Next(4, 65),
            TimeoutSeconds = random.Next(2, 31),
            CacheTtlSeconds = random.Next(30, 3601),
            DbUser = Base64(Invariant($"svc_{name.Replace('-', '_')}")),
            DbPassword = RandomBase64(24),
            ApiToken = RandomBase64(36),
            Layout = PickLayout(),
        };
    }

    private AppLayout PickLayout() => random.Next(100) switch
    {
        < 35 => AppLayout.MultiDocument,
        < 60 => AppLayout.FilePerObject,
        < 70 => AppLayout.List,
        < 80 => AppLayout.Json,
        _ => AppLayout.HelmRendered,
    };

    private string PickFeatures()
    {
        var picked = new List<string>();
        foreach (var feature in Features)
        {
            if (random.NextDouble() < 0.4)
            {
                picked.Add(feature);
            }
        }

        return picked.Count == 0 ? "none" : string.Join(',', picked);
    }

    public string RandomBase64(int byteCount) => Convert.ToBase64String(RandomBytes(byteCount));

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string UniqueName(string candidate, ISet<string> taken)
    {
        var name = candidate;
        for (var n = 2; !taken.Add(name); n++)
        {
            name = Invariant($"{candidate}-{n}");
        }

        return name;
    }

    private static string Suffix(int round) => round == 0 ? "" : Invariant($"-{round + 1}");

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
