using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using VapiAgents.Application.Common.Security;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>
/// Seals the Data Protection key ring with the product's encryption keys before it goes to the database:
/// with the ring in plaintext, a copy of the database alone would be enough to forge anyone's bearer token.
/// </summary>
internal sealed class SealingXmlEncryptor(ISecretProtector protector) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedKey = protector.Seal(new SecretValue(plaintextElement.ToString(SaveOptions.DisableFormatting)), SecretPurpose.TokenSigningKey, Guid.Empty);
        var element = new XElement("sealedKey", new XAttribute("keyId", sealedKey.KeyId), Convert.ToBase64String(sealedKey.Ciphertext));
        return new EncryptedXmlInfo(element, typeof(SealedXmlDecryptor));
    }
}
