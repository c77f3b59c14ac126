// Textos em português europeu das constatações e passos de SPF, DMARC e DKIM
// (lib/report/findings/mail-auth.ts, lib/checks/mail-auth.ts). Os mesmos argumentos ICU do inglês.
import type { mailAuthFindings } from "../../findings/mail-auth";
import type { FindingTexts } from "../types";

const SPF_SYNTAX_PROBLEM =
  "{problem, select, unknown_mechanism {esse mecanismo não existe} domain_missing {falta o domínio} domain_invalid {o domínio não é um nome válido} macro_invalid {uma macro malformada ou um carácter que o SPF não permite} cidr_invalid {um comprimento de prefixo fora do intervalo} ip4_invalid {não é um endereço IPv4} ip6_invalid {não é um endereço IPv6} value_unexpected {este mecanismo não aceita esse valor} modifier_name {um nome de modificador que o SPF não permite} version {o registo não começa por v=spf1} other {{problem}}}";

const TAG_PROBLEM =
  "{problem, select, empty_field {um campo vazio entre dois pontos e vírgulas} field_without_value {um campo sem etiqueta=valor} version_not_first {v= não é a primeira etiqueta} tag_name {um nome de etiqueta malformado} version {a versão não é DKIM1} p_missing {não há etiqueta p=} other {{problem}}}";

export const ptMailAuthFindings: Record<keyof typeof mailAuthFindings, FindingTexts> = {
  SPF_RECORD_ABSENT: {
    message: "{domain} não publica nenhum registo SPF (um registo TXT que comece por v=spf1).",
    why: "Sem SPF (RFC 7208), os destinatários não sabem que servidores podem enviar correio deste domínio; o DMARC passa a depender só do DKIM. Um domínio que não envia correio deve dizê-lo com «v=spf1 -all».",
    remediation: "Publique um registo TXT em {domain}: «v=spf1 mx -all» se os seus anfitriões MX enviam o seu correio, ou indique os seus servidores de envio (ip4:, include:); «v=spf1 -all» se o domínio não envia correio.",
  },
  SPF_RECORD_MULTIPLE: {
    message: "{name} publica {count} registos SPF; só é permitido um.",
    why: "Com mais de um registo v=spf1, a verificação SPF termina num erro permanente (RFC 7208 §4.5): todas as mensagens do domínio falham o SPF.",
    remediation: "Junte os registos num só registo TXT que comece por v=spf1 e elimine os outros.",
  },
  SPF_LOOKUP_FAILED: {
    message: "A consulta {type} de {name} para o SPF não deu uma resposta utilizável (DNSSEC: {status}).",
    why: "Um destinatário que não consegue concluir a consulta devolve um erro temporário (RFC 7208 §4.4) e pode adiar ou rejeitar o correio.",
    remediation: "Confirme que os servidores de nomes de {name} respondem por UDP e TCP e que a zona valida.",
  },
  SPF_SYNTAX: {
    message: "O registo SPF de {domain} tem um termo inválido «{term}»: " + SPF_SYNTAX_PROBLEM + ".",
    why: "Um erro de sintaxe em qualquer ponto do registo faz de cada verificação SPF um erro permanente (RFC 7208 §4.6).",
    remediation: "Corrija ou remova «{term}»; a gramática está na RFC 7208 §12.",
  },
  SPF_MODIFIER_REPEATED: {
    message: "O registo SPF de {domain} tem {modifier}= mais de uma vez.",
    why: "redirect= e exp= só podem aparecer uma vez cada (RFC 7208 §6); duas vezes é um erro permanente.",
    remediation: "Mantenha um só modificador {modifier}=.",
  },
  SPF_TOO_MANY_LOOKUPS: {
    message: "Verificar o registo SPF de {domain} exige {lookups} consultas DNS; o limite é {limit}.",
    why: "Os destinatários param ao fim de {limit} consultas através de include, a, mx, ptr, exists e redirect (RFC 7208 §4.6.4) e devolvem um erro permanente: o SPF falha para todas as mensagens.",
    remediation: "Remova os include de que já não precisa, substitua os termos a e mx por intervalos ip4:/ip6:, ou substitua um include pelos endereços que ele indica.",
  },
  SPF_TOO_MANY_VOID_LOOKUPS: {
    message: "O registo SPF de {domain} leva a {voidLookups} consultas que não encontram nada; o limite é {limit}.",
    why: "Mais de {limit} consultas vazias (NODATA ou NXDOMAIN) fazem da verificação SPF um erro permanente (RFC 7208 §4.6.4).",
    remediation: "Remova os termos que indicam domínios sem os registos que procuram.",
  },
  SPF_VOID_LOOKUP: {
    message: "O termo SPF «{term}» consulta {name}, que não tem esse registo ({outcome, select, nxdomain {o nome não existe} other {nenhum registo desse tipo}}).",
    why: "Uma consulta que não encontra nada é uma consulta vazia: não corresponde a nenhum servidor de envio e conta para o limite de duas (RFC 7208 §4.6.4).",
    remediation: "Remova «{term}» ou publique em {name} o registo que ele espera.",
  },
  SPF_MX_HOST_VOID: {
    message: "O anfitrião MX {host} que o termo SPF «{term}» encontra em {name} não tem endereço ({outcome, select, nxdomain {o nome não existe} other {nenhum registo A ou AAAA}}).",
    why: "Um termo mx autoriza os endereços dos anfitriões MX do domínio (RFC 7208 §5.4); um anfitrião sem nenhum não autoriza nada, e a sua consulta é uma consulta vazia que conta para o limite de duas (§4.6.4).",
    remediation: "Publique os registos A/AAAA de {host}, retire-o dos registos MX de {name} ou indique os servidores de envio com ip4:/ip6: em vez de «{term}».",
  },
  SPF_MX_TOO_MANY: {
    message: "O termo SPF mx de {name} indica {count} anfitriões MX; mais de {limit} é um erro permanente.",
    why: "Um mecanismo mx cuja resposta MX tem mais de {limit} anfitriões é um erro permanente (RFC 7208 §4.6.4).",
    remediation: "Indique os servidores de envio com ip4:/ip6: em vez de mx.",
  },
  SPF_INCLUDE_LOOP: {
    message: "O registo SPF de {domain} inclui {target}, que já está no caminho até aqui: um ciclo de include.",
    why: "Uma avaliação seguiria o ciclo até ao limite de consultas e devolveria um erro permanente (RFC 7208 §5.2, §4.6.4).",
    remediation: "Remova o include ou redirect que volta a {target}.",
  },
  SPF_INCLUDE_NO_RECORD: {
    message: "O registo SPF de {domain} tem {mechanism, select, redirect {redirect=} other {include:}}{target}, mas {target} não publica um único registo SPF.",
    why: "Um destino de include ou redirect sem exatamente um registo SPF faz da verificação um erro permanente (RFC 7208 §5.2, §6.1).",
    remediation: "Corrija o nome, ou peça a quem gere {target} que publique o seu registo SPF.",
  },
  SPF_WALK_TRUNCATED: {
    message: "O mailsec deixou de seguir os registos SPF de {domain} ao fim de {limit} consultas; o número indicado é um mínimo.",
    why: "O percurso é limitado para que um registo não prenda um teste; uma avaliação com mais de 10 consultas falha de qualquer modo (RFC 7208 §4.6.4).",
    remediation: "Reduza o registo a menos de 10 consultas.",
  },
  SPF_MACRO_NOT_EXPANDED: {
    message: "O termo SPF «{term}» contém uma macro: o nome que consulta depende do servidor de envio, por isso o mailsec conta-o mas não o consulta.",
    why: "As macros (RFC 7208 §7) expandem-se com o endereço e os nomes do servidor de envio, que um teste do lado de quem recebe não tem.",
    remediation: "",
  },
  SPF_ALL_PASS: {
    message: "O registo SPF de {domain} termina em «{term}»: qualquer servidor da Internet passa o SPF deste domínio.",
    why: "+all autoriza qualquer servidor de envio (RFC 7208 §5.1), o que torna o SPF inútil e ajuda quem falsifica a passar o alinhamento SPF do DMARC.",
    remediation: "Termine o registo com -all (ou ~all enquanto confirma os seus servidores de envio) depois de indicar os servidores que enviam o seu correio.",
  },
  SPF_ALL_NEUTRAL: {
    message: "O registo SPF de {domain} termina em «{term}»: não diz nada sobre os servidores que não indica.",
    why: "Um resultado neutro (RFC 7208 §8.2) é tratado como a ausência de SPF; o correio falsificado não é assinalado.",
    remediation: "Termine o registo com -all, ou ~all enquanto confirma os seus servidores de envio.",
  },
  SPF_ALL_MISSING: {
    message: "O registo SPF de {domain} não tem mecanismo all nem redirect.",
    why: "Sem eles, qualquer servidor de envio não indicado recebe neutro (RFC 7208 §4.7), como se não houvesse registo SPF.",
    remediation: "Termine o registo com -all (ou ~all).",
  },
  SPF_PTR_USED: {
    message: "O registo SPF de {domain} usa «{term}».",
    why: "O ptr é lento, pouco fiável e pesado para o DNS; a RFC 7208 §5.5 diz que NÃO DEVERIA ser publicado, e alguns destinatários ignoram-no.",
    remediation: "Substitua o ptr por intervalos ip4:/ip6: ou por termos a e mx.",
  },
  SPF_REDIRECT_IGNORED: {
    message: "O registo SPF de {domain} tem um mecanismo all e um redirect=; o redirect nunca é usado.",
    why: "O redirect= só se aplica quando nenhum mecanismo corresponde, e o all corresponde sempre (RFC 7208 §6.1).",
    remediation: "Remova o mecanismo all ou o redirect.",
  },
  DMARC_RECORD_ABSENT: {
    message: "{domain} não publica nenhum registo DMARC (TXT _dmarc), nem o seu domínio organizacional {orgDomain}.",
    why: "Sem DMARC (RFC 7489), os destinatários não têm política para o correio que falha o alinhamento SPF e DKIM, e o domínio não recebe relatórios sobre quem envia em seu nome.",
    remediation: "Publique _dmarc.{orgDomain} TXT «v=DMARC1; p=none; rua=mailto:dmarc@{orgDomain}», leia os relatórios e passe depois a p=quarantine e p=reject.",
  },
  DMARC_RECORD_MULTIPLE: {
    message: "{name} publica {count} registos DMARC; só é permitido um.",
    why: "Com mais de um registo, os destinatários não aplicam nenhuma política DMARC (RFC 7489 §6.6.3).",
    remediation: "Junte-os num só registo e elimine os outros.",
  },
  DMARC_LOOKUP_FAILED: {
    message: "A consulta DMARC de {name} não deu uma resposta utilizável (DNSSEC: {status}).",
    why: "Um destinatário que não consegue ler o registo não aplica nenhuma política DMARC ao correio.",
    remediation: "Confirme que os servidores de nomes respondem a consultas TXT de {name} e que a zona valida.",
  },
  DMARC_SYNTAX: {
    message: "O registo DMARC em {name} está malformado: " + TAG_PROBLEM + ".",
    why: "Os destinatários descartam um registo que não conseguem interpretar (RFC 7489 §6.6.3): não se aplica nenhuma política DMARC.",
    remediation: "Reescreva-o como «v=DMARC1; p=…; rua=mailto:…» (pares etiqueta=valor separados por pontos e vírgulas, v primeiro).",
  },
  DMARC_TAG_INVALID: {
    message: "A etiqueta DMARC {tag}= tem um valor que não é permitido: «{value}».",
    why: "A RFC 7489 §6.3 enumera os valores de cada etiqueta; os destinatários ignoram um valor inválido ou, no caso de p=, o registo inteiro.",
    remediation: "Use p/sp = none, quarantine ou reject; pct = 0 a 100; adkim/aspf = r ou s.",
  },
  DMARC_POLICY_MISSING_RUA: {
    message: "O registo DMARC em {name} não tem uma etiqueta p= válida; como indica um endereço de relatórios, os destinatários leem-no como p=none.",
    why: "RFC 7489 §6.6.3: um registo sem política válida mas com um rua válido é tratado como p=none.",
    remediation: "Acrescente p=none, p=quarantine ou p=reject logo a seguir a v=DMARC1.",
  },
  DMARC_INHERITED: {
    message: "{domain} não tem registo DMARC próprio; aplica-se o registo do seu domínio organizacional {orgDomain}.",
    why: "Os destinatários recorrem ao registo do domínio organizacional (RFC 7489 §6.6.3), com a sua política sp= se a tiver.",
    remediation: "",
  },
  DMARC_POLICY_NONE: {
    message: "A política DMARC de {domain} é p=none: os destinatários não fazem nada ao correio que falha o DMARC.",
    why: "p=none só pede relatórios (RFC 7489 §6.3); o correio falsificado em nome do domínio continua a ser entregue.",
    remediation: "Quando os relatórios mostrarem que o seu próprio correio passa, passe a p=quarantine e depois a p=reject.",
  },
  DMARC_SUBDOMAIN_POLICY_NONE: {
    message: "O registo DMARC de {domain} diz p={policy} mas sp=none: os seus subdomínios não estão protegidos.",
    why: "O sp= define a política dos subdomínios sem registo próprio (RFC 7489 §6.3); quem falsifica pode enviar de qualquer subdomínio inventado.",
    remediation: "Remova sp=none ou defina sp=quarantine ou sp=reject.",
  },
  DMARC_PCT_PARTIAL: {
    message: "A política DMARC {policy} aplica-se só a {pct} % do correio que falha (pct={pct}).",
    why: "O restante é tratado com um nível de menor rigor (RFC 7489 §6.6.4); um pct abaixo de 100 destina-se a uma implementação gradual.",
    remediation: "Suba o pct para 100 (ou remova-o) quando a implementação estiver concluída.",
  },
  DMARC_NO_RUA: {
    message: "O registo DMARC de {domain} não pede relatórios agregados (sem rua=).",
    why: "Os relatórios agregados (RFC 7489 §7.2) mostram quem envia correio em nome do domínio; sem eles, uma mudança de política é feita às cegas.",
    remediation: "Acrescente rua=mailto:dmarc-reports@{domain}.",
  },
  DMARC_URI_BARE_ADDRESS: {
    message: "O endereço DMARC {tag}= «{uri}» é um endereço simples, não um URI.",
    why: "O {tag} aceita URIs (RFC 7489 §6.2): os destinatários ignoram um endereço sem «mailto:».",
    remediation: "Escreva-o como {tag}=mailto:{uri}.",
  },
  DMARC_URI_INVALID: {
    message: "O URI DMARC {tag}= «{uri}» não é utilizável ({problem, select, scheme {aqui só são permitidos mailto: e https:} mailto_address {o URI mailto: não tem um endereço válido} https_url {o URI https: está malformado} other {{problem}}}).",
    why: "Os destinatários só enviam relatórios para URIs que conseguem usar (RFC 7489 §6.2); o mailto: é o que todos suportam.",
    remediation: "Use {tag}=mailto:<endereço>.",
  },
  DMARC_REPORT_NOT_AUTHORIZED: {
    message: "O destino DMARC {tag}= «{uri}» está fora do domínio e {destination} não aceitou receber os seus relatórios: não há nenhum registo v=DMARC1 em {name}.",
    why: "Antes de enviarem relatórios para o domínio de outra organização, os destinatários procuram o consentimento desse domínio em <domínio da política>._report._dmarc.<destino> (RFC 7489 §7.1); sem ele descartam os relatórios, e não recebe nenhum deles.",
    remediation: "Peça ao operador de {destination} que publique TXT \"v=DMARC1\" em {name} (ou em *._report._dmarc.{destination} para todos os domínios que serve), ou envie os relatórios para um endereço do seu próprio domínio.",
  },
  DMARC_REPORT_AUTH_FAILED: {
    message: "Não foi possível ler se {name} autoriza os relatórios DMARC para «{uri}» (DNSSEC: {status}).",
    why: "Um destinatário que não consegue concluir esta consulta (RFC 7489 §7.1) retém ou descarta os relatórios para esse destino.",
    remediation: "Verifique se os servidores de nomes do destino respondem por {name} e se a sua zona é validada.",
  },
  DKIM_KEY_ABSENT: {
    message: "Não há nenhuma chave DKIM em {name} (seletor «{selector}»).",
    why: "Um destinatário que verifique uma assinatura com este seletor não encontra chave e a assinatura falha (RFC 6376 §6.1.2).",
    remediation: "Confirme o seletor com que o seu servidor de correio assina (a etiqueta s= de um cabeçalho DKIM-Signature) e publique a sua chave como TXT «v=DKIM1; k=rsa; p=…» em {name}.",
  },
  DKIM_LOOKUP_FAILED: {
    message: "A consulta da chave DKIM em {name} não deu uma resposta utilizável (DNSSEC: {status}).",
    why: "Um destinatário que não consegue obter a chave devolve um erro temporário para a assinatura (RFC 6376 §6.1.2).",
    remediation: "Confirme que os servidores de nomes respondem a consultas TXT de {name} e que a zona valida.",
  },
  DKIM_KEY_MULTIPLE: {
    message: "{name} tem {count} registos TXT; o nome de uma chave DKIM deve ter um (cada um é avaliado nos detalhes).",
    why: "Os destinatários podem usar qualquer um deles (RFC 6376 §3.6.2.2); as assinaturas falham então ao acaso.",
    remediation: "Mantenha um só registo de chave neste seletor; publique uma chave nova com um seletor novo.",
  },
  DKIM_SYNTAX: {
    message: "O registo da chave DKIM em {name} está malformado: " + TAG_PROBLEM + ".",
    why: "Um destinatário que não consegue interpretar o registo da chave não pode verificar assinaturas feitas com ela (RFC 6376 §3.6.1).",
    remediation: "Publique-o como «v=DKIM1; k=rsa; p=<chave pública em base64>».",
  },
  DKIM_KEY_REVOKED: {
    message: "A chave DKIM em {name} está revogada (p= vazio).",
    why: "Um p= vazio significa que a chave foi retirada (RFC 6376 §3.6.1): todas as assinaturas com este seletor falham.",
    remediation: "Se o correio ainda é assinado com este seletor, publique a chave atual ou mude o assinante para um seletor com chave publicada.",
  },
  DKIM_KEY_TYPE_UNKNOWN: {
    message: "A chave DKIM em {name} é do tipo k={keyType}, que os destinatários não conhecem.",
    why: "Só rsa (RFC 6376) e ed25519 (RFC 8463) são tipos de chave registados.",
    remediation: "Publique uma chave RSA de 2048 bits (k=rsa), eventualmente ao lado de uma chave Ed25519 com outro seletor.",
  },
  DKIM_KEY_UNREADABLE: {
    message: "O valor p= em {name} não é uma chave pública {keyType, select, rsa {RSA} ed25519 {Ed25519} other {k={keyType}}} legível.",
    why: "Os destinatários não conseguem verificar nenhuma assinatura com uma chave que não conseguem descodificar (RFC 6376 §3.6.1).",
    remediation: "Publique o base64 da chave pública (SubjectPublicKeyInfo para RSA, os 32 bytes em bruto para Ed25519), sem quebras de linha nem aspas no meio.",
  },
  DKIM_KEY_TOO_SHORT: {
    message: "A chave DKIM em {name} é uma chave RSA de {bits} bits; os destinatários recusam chaves com menos de {minimum} bits.",
    why: "RFC 8301 §3.2: os verificadores NÃO DEVEM aceitar assinaturas feitas com chaves RSA de menos de 1024 bits, que podem ser fatorizadas.",
    remediation: "Gere uma chave de 2048 bits, publique-a com um seletor novo, mude o assinante para ela e revogue depois esta (p=).",
  },
  DKIM_KEY_SHORT: {
    message: "A chave DKIM em {name} é uma chave RSA de {bits} bits; recomendam-se {recommended} bits.",
    why: "RFC 8301 §3.2: os assinantes DEVERIAM usar chaves de pelo menos 2048 bits.",
    remediation: "Passe a uma chave de 2048 bits com um seletor novo na próxima rotação de chaves.",
  },
  DKIM_TESTING: {
    message: "A chave DKIM em {name} está marcada como de teste (t=y).",
    why: "Com t=y, os destinatários não devem tratar o correio assinado de forma diferente do correio sem assinatura (RFC 6376 §3.6.1).",
    remediation: "Remova t=y quando a assinatura estiver a funcionar.",
  },
  DKIM_SHA1_ONLY: {
    message: "A chave DKIM em {name} só permite assinaturas SHA-1 (h=).",
    why: "RFC 8301 §3.1: os assinantes TÊM de usar rsa-sha256, e os verificadores não são obrigados a aceitar rsa-sha1.",
    remediation: "Remova a etiqueta h= ou defina h=sha256.",
  },
};

export const ptMailAuthSteps: Readonly<Record<string, string>> = {
  "spf.title": "A verificar o registo SPF de «{domain}» (RFC 7208).",
  "spf.summary":
    "{record, select, valid {Registo SPF encontrado: {lookups} de {limit} consultas DNS, {voidLookups} de {voidLimit} vazias; {all, select, pass {+all (qualquer servidor de envio passa)} fail {-all} softfail {~all} neutral {?all} other {sem all}}.} absent {Não está publicado nenhum registo SPF.} multiple {Vários registos SPF: o SPF falha para todas as mensagens.} other {O registo SPF não é utilizável.}}",
  "spf.record": "{indent}TXT {name}: «{text}»",
  "spf.noRecord": "{indent}TXT {name}: nenhum registo SPF.",
  "spf.host":
    "{indent}{host}: {outcome, select, answer {{networks}} nodata {nenhum registo A ou AAAA (vazia)} nxdomain {o nome não existe (vazia)} failed {nenhuma resposta utilizável} other {não consultado (limite da verificação)}}",
  "spf.lookup":
    "{indent}{term} → {target}: {outcome, select, answer {encontrado} nodata {nenhum registo (vazia)} nxdomain {o nome não existe (vazia)} failed {nenhuma resposta utilizável} loop {já está no caminho (ciclo)} other {não consultado}}",
  "dmarc.title": "A verificar o registo DMARC de «{domain}» (RFC 7489).",
  "dmarc.summary":
    "{record, select, valid {Política DMARC {policy}{inherited, select, yes {, herdada de {recordDomain}} other {}}.} absent {Não está publicado nenhum registo DMARC.} multiple {Vários registos DMARC: os destinatários não aplicam nenhum.} other {O registo DMARC não é utilizável.}}",
  "dmarc.record": "TXT {name}: «{text}»",
  "dmarc.noRecord": "TXT {name}: nenhum registo.",
  "dmarc.destination":
    "{tag}= {uri} → TXT {name}: {outcome, select, authorized {v=DMARC1, o destino aceita os relatórios} unauthorized {nenhum registo v=DMARC1, os destinatários descartam os relatórios} other {nenhuma resposta utilizável}}",
  "dkim.title": "A verificar a chave DKIM do seletor «{selector}» ({name}, RFC 6376).",
  "dkim.summary":
    "{record, select, valid {Está publicada uma chave {keyType, select, rsa {RSA} ed25519 {Ed25519} other {do tipo k={keyType}}} de {bits} bits.} revoked {A chave está revogada (p= vazio).} absent {Não está publicada nenhuma chave neste seletor.} other {O registo da chave não é utilizável.}}",
  "dkim.record": "TXT {name}: «{text}»",
  "dkim.key":
    "  registo de chave {index}: {record, select, valid {{keyType, select, rsa {RSA} ed25519 {Ed25519} other {k={keyType}}}, {bits} bits} revoked {revogada (p= vazio)} other {não utilizável}}; {verdict, select, pass {um verificador que a escolha verifica a assinatura} warning {um verificador que a escolha verifica a assinatura, com um aviso} other {um verificador que a escolha falha a assinatura}}.",
};
