using NixVfioGen.Domain;
using NixVfioGen.Model;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The VM the module carries (the root command's output): its options, whether the module defines it,
/// and where its XML comes from. The XML is rendered once, for the module and for the file beside it.
/// </summary>
public sealed class ModuleDomain(DomainOptions options, DefinePolicy define, DomainFileSource source)
{
    private string? xml;

    public DomainOptions Options { get; } = options;

    public DefinePolicy Define { get; } = define;

    public DomainFileSource Source { get; } = source;

    /// <summary>The domain XML, identical to the domain command's output.</summary>
    public string Xml => xml ??= DomainXmlBuilder.Render(DomainXmlBuilder.Build(Options));
}
