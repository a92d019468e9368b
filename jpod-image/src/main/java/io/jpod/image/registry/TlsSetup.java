package io.jpod.image.registry;

import io.jpod.common.JpodException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS setup containers/image derives from a certificate directory ({@code certs.d/<host:port>} or
 * {@code --cert-dir}): {@code *.crt} files are extra CAs trusted besides the JDK's, {@code X.cert} with
 * {@code X.key} is a client certificate. With verification off every server certificate is accepted,
 * and host names are not checked.
 */
final class TlsSetup {
  private TlsSetup() {}

  static SSLContext context(boolean verify, Path certDir) {
    try {
      List<X509Certificate> cas = new ArrayList<>();
      KeyManager[] keyManagers = null;
      if (certDir != null && Files.isDirectory(certDir)) {
        List<Path> files;
        try (Stream<Path> s = Files.list(certDir)) {
          files = s.sorted().toList();
        }
        KeyStore clientKeys = null;
        for (Path f : files) {
          String name = f.getFileName().toString();
          if (name.endsWith(".crt")) {
            cas.addAll(readCertificates(f));
          } else if (name.endsWith(".cert")) {
            Path key = f.resolveSibling(name.substring(0, name.length() - 5) + ".key");
            if (!Files.exists(key)) {
              throw JpodException.invalid("missing key " + key.getFileName() + " for client certificate "
                  + name + ". Note that CA certificates should use the extension .crt");
            }
            if (clientKeys == null) {
              clientKeys = KeyStore.getInstance("PKCS12");
              clientKeys.load(null, null);
            }
            List<X509Certificate> chain = readCertificates(f);
            clientKeys.setKeyEntry(name, readPrivateKey(key), new char[0], chain.toArray(new Certificate[0]));
          } else if (name.endsWith(".key")) {
            Path cert = f.resolveSibling(name.substring(0, name.length() - 4) + ".cert");
            if (!Files.exists(cert)) {
              throw JpodException.invalid("missing client certificate " + cert.getFileName() + " for key " + name);
            }
          }
        }
        if (clientKeys != null) {
          KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
          kmf.init(clientKeys, new char[0]);
          keyManagers = kmf.getKeyManagers();
        }
      }
      TrustManager[] trust = verify ? new TrustManager[] {verifyingTrustManager(cas)}
          : new TrustManager[] {new AcceptAll()};
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers, trust, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw JpodException.invalid("loading TLS configuration from " + certDir + ": " + e.getMessage());
    }
  }

  /** The JDK's default trust plus {@code extra}; the factory's manager also checks host names. */
  private static X509TrustManager verifyingTrustManager(List<X509Certificate> extra) throws GeneralSecurityException, IOException {
    TrustManagerFactory def = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    def.init((KeyStore) null);
    if (extra.isEmpty()) {
      return firstX509(def.getTrustManagers());
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (X509Certificate c : firstX509(def.getTrustManagers()).getAcceptedIssuers()) {
      ks.setCertificateEntry("system-" + i++, c);
    }
    for (X509Certificate c : extra) {
      ks.setCertificateEntry("extra-" + i++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return firstX509(tmf.getTrustManagers());
  }

  private static X509TrustManager firstX509(TrustManager[] tms) {
    for (TrustManager tm : tms) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X509TrustManager in the JDK's default trust");
  }

  static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate c : cf.generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
    }
    return out;
  }

  /** A PEM private key: PKCS#8 ({@code PRIVATE KEY}) of any algorithm, or PKCS#1 {@code RSA PRIVATE KEY}. */
  static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(b64);
    if (pkcs1) {
      der = wrapPkcs1(der);
    } else if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw new GeneralSecurityException("unsupported private key format in " + file
          + " (use PKCS#8: openssl pkcs8 -topk8 -nocrypt)");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String alg : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("unsupported private key algorithm in " + file);
  }

  /** PKCS#1 RSA key → PKCS#8: SEQUENCE { 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING pkcs1 }. */
  private static byte[] wrapPkcs1(byte[] pkcs1) throws IOException {
    byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
        0x05, 0x00};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {0x02, 0x01, 0x00});
    body.write(algId);
    body.write(0x04);
    writeLength(body, pkcs1.length);
    body.write(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    body.writeTo(out);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int len) {
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
  }

  /**
   * {@code --tls-verify=false}: any certificate, any host name. Being an extended trust manager matters:
   * JSSE would otherwise wrap it and still check the host name.
   */
  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
