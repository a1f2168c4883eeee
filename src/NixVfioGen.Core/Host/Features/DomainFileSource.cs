namespace NixVfioGen.Host.Features;

/// <summary>How the host module carries the domain XML to /etc.</summary>
public enum DomainFileSource
{
    /// <summary>The XML inside the module as an indented string: one self-contained file.</summary>
    Embedded,

    /// <summary>A path literal to the XML file written beside the module (--out-dir).</summary>
    SideBySide,
}
