using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Reliability;

/// <summary>ML3001: a container image without a tag, or on <c>latest</c>. See rules/ML3001.md.</summary>
public sealed class ML3001ImageTagNotPinned() : ContainerRule(Rule, ContainerScope.All)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ImageTagNotPinned,
        "Container image is not pinned to a version",
        "Image '{0}' of {1} {2}, so each node pulls whatever the tag points to when the pod starts",
        RuleCategories.Reliability,
        Severity.Warning,
        Description: "An image without a tag means ':latest'. Pods of one workload then run different builds depending on when each node pulled, a rollback redeploys the same moving tag, and a broken push reaches production at the next reschedule.",
        HelpText: "Pin the image to a version tag (app:1.4.2) or, better, a digest (app@sha256:…).");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (container.Node.ScalarAt("image") is not { IsNull: false } image || ImageReference.Parse(image.Value) is not { } reference)
        {
            yield break;
        }

        if (reference.IsTemplated || reference.Digest is not null)
        {
            yield break; // A placeholder filled in later (${TAG}, {{ .Values.tag }}), or pinned by content.
        }

        if (reference.Tag is null)
        {
            yield return Finding.At(image, image.Value, container.Description, "has no tag, which means 'latest'");
        }
        else if (reference.Tag == "latest")
        {
            yield return Finding.At(image, image.Value, container.Description, "uses the tag 'latest'");
        }
    }
}
