using System.Net;
using System.Text.RegularExpressions;

namespace ManifestLint.Cli.Tests.Support;

/// <summary>One start tag of a rendered page: its name and attributes (values decoded).</summary>
public sealed record PageElement(string Tag, IReadOnlyDictionary<string, string> Attributes)
{
    public string? this[string name] => Attributes.GetValueOrDefault(name);

    public IReadOnlyList<string> Classes => (this["class"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool HasClass(string name) => Classes.Contains(name);
}

/// <summary>
/// The DOM Chromium dumped, read as the elements a person sees: enough to ask "which nodes and edges are drawn, and
/// which are red" without a parser dependency (the dump is Chromium's own serialization, so its tags are regular).
/// </summary>
public sealed partial class RenderedPage(string dom)
{
    public string Dom { get; } = dom;

    public IReadOnlyList<PageElement> Elements { get; } = Parse(dom);

    public IReadOnlyList<PageElement> WithClass(string name) => [.. Elements.Where(e => e.HasClass(name))];

    /// <summary>Graph nodes drawn in the page (cloned from their namespace's template), excluding the templates' inert copies.</summary>
    public IReadOnlyList<PageElement> DrawnNodes => [.. Drawn().Where(e => e.HasClass("node"))];

    public IReadOnlyList<PageElement> DrawnEdges => [.. Drawn().Where(e => e.HasClass("edge"))];

    /// <summary>What the page's error trap caught: uncaught exceptions and console.error calls.</summary>
    public string ScriptErrors => ScriptErrorsPattern().Match(Dom) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["text"].Value).Trim() : "(the error trap is missing)";

    /// <summary>Elements outside &lt;template&gt; (a template's content is not rendered).</summary>
    private IEnumerable<PageElement> Drawn()
    {
        return Parse(TemplateContent().Replace(Dom, "<template></template>"));
    }

    private static List<PageElement> Parse(string dom) => [.. StartTag().Matches(dom).Select(m => new PageElement(
        m.Groups["tag"].Value.ToLowerInvariant(),
        Attribute().Matches(m.Groups["attributes"].Value).GroupBy(a => a.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value))))];

    [GeneratedRegex(@"<(?<tag>[a-zA-Z][a-zA-Z0-9-]*)(?<attributes>(?:\s+[^\s=>/]+(?:=""[^""]*"")?)*)\s*/?>")]
    private static partial Regex StartTag();

    [GeneratedRegex(@"(?<name>[^\s=>/]+)(?:=""(?<value>[^""]*)"")?")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<template>.*?</template>", RegexOptions.Singleline)]
    private static partial Regex TemplateContent();

    [GeneratedRegex(@"<pre id=""js-errors"">(?<text>[^<]*)</pre>")]
    private static partial Regex ScriptErrorsPattern();
}
