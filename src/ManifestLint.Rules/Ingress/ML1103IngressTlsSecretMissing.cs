using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

namespace ManifestLint.Rules.Ingress;

/// <summary>ML1103: an Ingress TLS secretName that nothing in the input creates. See rules/ML1103.md.</summary>
public sealed class ML1103IngressTlsSecretMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.IngressTlsSecretMissing,
        "Ingress TLS Secret is not created by the input",
        "Ingress '{0}' uses TLS Secret '{1}', which nothing in the input creates in namespace '{2}'{3}",
        RuleCategories.Ingress,
        Severity.Info,
        Description: "Without the Secret named by tls[].secretName, the controller serves its default (usually self-signed) certificate for those hosts, and clients reject the connection. The Secret is often created outside the manifests, hence a note rather than a warning.",
        HelpText: "Declare the Secret (or a cert-manager Certificate, ExternalSecret or SealedSecret that creates it), add a cert-manager issuer annotation, or declare it under externalObjects in .manifestlint.yaml.",
        IsCrossResource: true);

    /// <summary>cert-manager's ingress-shim creates the Secrets of an Ingress that carries one of these annotations.</summary>
    private static readonly string[] IssuerAnnotations = ["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"];

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "Ingress");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var ingress = context.Resource;
        if (!IngressRoutes.IsIngress(ingress) || ingress.Spec?.SequenceAt("tls") is not { } tls)
        {
            return;
        }

        if (IssuerAnnotations.Any(ingress.Annotations.ContainsKey) ||
            (ingress.Annotations.TryGetValue("kubernetes.io/tls-acme", out var acme) && acme == "true"))
        {
            return; // cert-manager will create every TLS Secret of this Ingress.
        }

        var ns = ingress.Namespace!;
        foreach (var entry in tls.Mappings())
        {
            if (entry.ScalarAt("secretName") is not { IsNull: false, Value.Length: > 0 } nameNode)
            {
                continue; // No secretName: the controller's default certificate is used on purpose.
            }

            if (nameNode.IsPlaceholder)
            {
                continue; // Filled in by a tool before it is applied: the real name is unknown.
            }

            // A note whatever the evidence (TLS Secrets are usually made outside the manifests), with the evidence's
            // explanation when there is one ("it exists in namespace 'prod'").
            var name = nameNode.Value;
            var query = new ObjectQuery("Secret", ns, name);
            var resolution = context.World.ResolveObject(ingress, query);
            if (resolution.Presence == Presence.Present)
            {
                continue;
            }

            var help = $"create Secret '{name}' of type kubernetes.io/tls in namespace '{ns}' (or a cert-manager Certificate for it), or declare it under externalObjects if it is created outside the manifests";
            if ((resolution.Evidence ?? context.World.ElsewhereHint(ingress, query)) is { } evidence)
            {
                context.ReportMissing(Rule, ingress, ingress.LocationOf(nameNode), evidence, [ingress.Name, name, ns], help);
            }
            else
            {
                context.Report(Rule, ingress, ingress.LocationOf(nameNode), [ingress.Name, name, ns, ""], [], help);
            }
        }
    }
}
