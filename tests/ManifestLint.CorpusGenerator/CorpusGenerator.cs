using System.Globalization;
using System.Text.Json;
using ManifestLint.CorpusGenerator.Manifests;
using ManifestLint.CorpusGenerator.Model;

namespace ManifestLint.CorpusGenerator;

/// <summary>
/// Generates a deterministic corpus of realistic Kubernetes manifests for benchmarks and end-to-end tests, with a few
/// deliberate cross-reference faults whose exact positions are recorded in faults.json.
/// </summary>
public static class CorpusGenerator
{
    public const string ManifestRoot = "teams";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
    };

    public static CorpusManifest Generate(CorpusOptions options)
    {
        Validate(options);
        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        PrepareOutputDirectory(outputDirectory);

        var random = new Random(options.Seed);
        var factory = new SpecFactory(random);
        var namespaces = factory.CreateNamespaces(options.EffectiveNamespaces);
        var (apps, namesByNamespace) = CreateApps(options, factory, namespaces);
        apps = AssignFaults(apps, namesByNamespace, options, random);

        using var sink = new FileSink();
        var writer = new CorpusWriter(outputDirectory, sink);
        foreach (var ns in namespaces)
        {
            WriteNamespace(writer, factory, ns);
        }

        var faults = new List<CorpusFault>();
        var singleFileApps = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            var index = singleFileApps.GetValueOrDefault(app.NamespaceName);
            var folder = index < options.FilesPerFolder
                ? app.Namespace.Folder
                : string.Create(CultureInfo.InvariantCulture, $"{app.Namespace.Folder}/batch-{index / options.FilesPerFolder:D2}");
            if (app.Layout is not (AppLayout.FilePerObject or AppLayout.Json))
            {
                singleFileApps[app.NamespaceName] = index + 1;
            }

            var marks = WriteApp(writer, app, folder);
            if (RecordFault(app, marks) is { } fault)
            {
                faults.Add(fault);
            }
        }

        sink.Complete();
        var manifest = new CorpusManifest(
            options.Seed, options.Apps, namespaces.Count, writer.Documents, writer.Objects, writer.Files, writer.Bytes, ManifestRoot, faults)
        {
            OutputDirectory = outputDirectory,
        };
        File.WriteAllText(Path.Combine(outputDirectory, CorpusManifest.FaultsFileName), JsonSerializer.Serialize(manifest, JsonOptions) + "\n");
        return manifest;
    }

    private static void Validate(CorpusOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Apps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Namespaces);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FilesPerFolder, 1);
        if (options.FaultRate is < 0 or > 1 || double.IsNaN(options.FaultRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FaultRate, "FaultRate must be between 0 and 1.");
        }
    }

    /// <summary>
    /// Replaces a previous corpus (recognized by its faults.json) but refuses to touch any other non-empty directory,
    /// so a mistyped --out cannot delete someone's files.
    /// </summary>
    private static void PrepareOutputDirectory(string outputDirectory)
    {
        if (Directory.Exists(outputDirectory))
        {
            var faultsFile = Path.Combine(outputDirectory, CorpusManifest.FaultsFileName);
            if (File.Exists(faultsFile))
            {
                var root = Path.Combine(outputDirectory, ManifestRoot);
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }

                File.Delete(faultsFile);
            }

            if (Directory.EnumerateFileSystemEntries(outputDirectory).Any())
            {
                throw new IOException($"Output directory '{outputDirectory}' is not empty and does not hold a previous corpus.");
            }
        }

        Directory.CreateDirectory(outputDirectory);
    }

    private static (List<AppSpec> Apps, Dictionary<string, HashSet<string>> NamesByNamespace) CreateApps(
        CorpusOptions options, SpecFactory factory, IReadOnlyList<NamespaceSpec> namespaces)
    {
        var names = namespaces.ToDictionary(ns => ns.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var apps = new List<AppSpec>(options.Apps);
        for (var i = 0; i < options.Apps; i++)
        {
            // Round-robin keeps namespaces the same size, which keeps per-namespace index work comparable across N.
            var ns = namespaces[i % namespaces.Count];
            apps.Add(factory.CreateApp(i, ns, names[ns.Name]));
        }

        return (apps, names);
    }

    /// <summary>
    /// Picks round(Apps × FaultRate) apps at random and gives them fault kinds round-robin in app order. Wrong names are
    /// checked against every name in the namespace, so a typo can never accidentally point at another app.
    /// </summary>
    private static List<AppSpec> AssignFaults(
        List<AppSpec> apps, Dictionary<string, HashSet<string>> namesByNamespace, CorpusOptions options, Random random)
    {
        var count = (int)Math.Round(apps.Count * options.FaultRate, MidpointRounding.AwayFromZero);
        var indices = Enumerable.Range(0, apps.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        var chosen = indices[..count];
        Array.Sort(chosen);
        for (var n = 0; n < chosen.Length; n++)
        {
            var app = apps[chosen[n]];
            var kind = FaultCatalog.All[n % FaultCatalog.All.Count].Kind;
            var taken = namesByNamespace[app.NamespaceName];
            apps[chosen[n]] = app with
            {
                Fault = kind,
                FaultValue = FaultValue(kind, app, taken),
                // Ingress faults need an Ingress even on tiers that normally have none.
                HasIngress = app.HasIngress || kind is FaultKind.IngressServiceName or FaultKind.IngressServicePort,
            };
        }

        return apps;
    }

    private static string FaultValue(FaultKind kind, AppSpec app, ISet<string> taken) => kind switch
    {
        FaultKind.ServiceSelectorTypo => Typo(app.Name, taken),
        FaultKind.ServiceTargetPortName => "metric",
        FaultKind.IngressServiceName => Unused($"{app.Name}-svc", taken),
        FaultKind.IngressServicePort => AppManifestBuilder.HttpPort.ToString(CultureInfo.InvariantCulture),
        FaultKind.SecretKeyMissing => "DB_PASS",
        FaultKind.ConfigMapKeyMissing => "LOGLEVEL",
        FaultKind.HpaTargetMissing => Unused($"{app.Name}-v2", taken),
        FaultKind.ReadinessProbePortName => "health",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Drops one interior letter ("checkout-api" → "checout-api"): a believable slip that stays a valid label value.</summary>
    private static string Typo(string name, ISet<string> taken)
    {
        for (var offset = 0; offset < name.Length; offset++)
        {
            var i = 1 + (name.Length / 2 + offset) % (name.Length - 2);
            if (char.IsAsciiLetterLower(name[i]))
            {
                var typo = name.Remove(i, 1);
                if (!taken.Contains(typo))
                {
                    return typo;
                }
            }
        }

        return Unused(name + "x", taken);
    }

    private static string Unused(string candidate, ISet<string> taken)
    {
        var name = candidate;
        while (taken.Contains(name))
        {
            name += "x";
        }

        return name;
    }

    private static void WriteNamespace(CorpusWriter writer, SpecFactory factory, NamespaceSpec ns)
    {
        var marks = new List<CorpusWriter.Mark>();
        writer.WriteYamlStream($"{ns.Folder}/namespace.yaml", [NamespaceManifestBuilder.Namespace(ns)], leadingSeparator: false, marks);
        var tls = NamespaceManifestBuilder.TlsSecret(ns, factory.RandomBase64(96), factory.RandomBase64(64));
        writer.WriteYamlStream($"{ns.Folder}/wildcard-tls.yaml", [tls], leadingSeparator: false, marks);
    }

    private static List<CorpusWriter.Mark> WriteApp(CorpusWriter writer, AppSpec app, string singleFileFolder)
    {
        var objects = AppManifestBuilder.Build(app);
        var marks = new List<CorpusWriter.Mark>();
        var appFolder = $"{app.Namespace.Folder}/{app.Name}";
        switch (app.Layout)
        {
            case AppLayout.MultiDocument:
                // Some hand-written streams open with "---", some do not; both must parse the same.
                writer.WriteYamlStream($"{singleFileFolder}/{app.Name}.yaml", objects, leadingSeparator: app.Index % 3 == 0, marks);
                break;
            case AppLayout.HelmRendered:
                writer.WriteHelmRendered($"{singleFileFolder}/{app.Name}.helm.yaml", app.Name, objects, marks);
                break;
            case AppLayout.List:
                writer.WriteList($"{singleFileFolder}/{app.Name}-list.yaml", objects, marks);
                break;
            case AppLayout.FilePerObject:
                foreach (var obj in objects)
                {
                    writer.WriteYamlStream($"{appFolder}/{obj.FileStem}.yaml", [obj], leadingSeparator: false, marks);
                }

                break;
            case AppLayout.Json:
                foreach (var obj in objects)
                {
                    writer.WriteJson($"{appFolder}/{obj.FileStem}.json", obj, marks);
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown layout {app.Layout}.");
        }

        return marks;
    }

    /// <summary>Turns the emitter's marks into the fault record, insisting on exactly one mark per faulty app and none otherwise.</summary>
    private static CorpusFault? RecordFault(AppSpec app, List<CorpusWriter.Mark> marks)
    {
        if (app.Fault is not { } kind)
        {
            return marks.Count == 0 ? null : throw new InvalidOperationException($"App {app.Name} has no fault but marked keys.");
        }

        if (marks.Count != 1)
        {
            throw new InvalidOperationException($"App {app.Name} with fault {kind} produced {marks.Count} marked keys instead of 1.");
        }

        var definition = FaultCatalog.Get(kind);
        var value = kind == FaultKind.ServiceSelectorTypo ? null : app.FaultValue;
        var description = kind == FaultKind.ServiceSelectorTypo
            ? $"{definition.Description} (app: {app.FaultValue})"
            : $"{definition.Description} ({definition.Key}: {app.FaultValue})";
        return new CorpusFault(
            definition.RuleId, marks[0].File, marks[0].Line, definition.Key, value,
            $"{definition.TargetKind}/{app.NamespaceName}/{app.Name}", description);
    }
}
