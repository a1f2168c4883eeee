namespace NixVfioGen.Model;

/// <summary>The guest's Windows release: 11 needs TPM 2.0, Secure Boot and SMM.</summary>
public enum WindowsVersion
{
    Windows10 = 10,
    Windows11 = 11,
}
