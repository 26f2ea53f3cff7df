from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'memo.fi.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_filing = resolve('filing')
    l_0_g = resolve('g')
    l_0_m = resolve('m')
    l_0_outcome = resolve('outcome')
    l_0_refer_reason = resolve('refer_reason')
    l_0_question = resolve('question')
    l_0_prominent_warnings = resolve('prominent_warnings')
    l_0_grounds = resolve('grounds')
    l_0_defeated = resolve('defeated')
    l_0_obligations = resolve('obligations')
    l_0_related_duties = resolve('related_duties')
    l_0_alternatives = resolve('alternatives')
    l_0_questions = resolve('questions')
    l_0_warnings = resolve('warnings')
    l_0_who_decides = resolve('who_decides')
    l_0_informing = resolve('informing')
    l_0_ruleset = resolve('ruleset')
    l_0_law_as_of = resolve('law_as_of')
    l_0_blank = missing
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    l_0_blank = '______________________'
    context.vars['blank'] = l_0_blank
    context.exported_vars.add('blank')
    yield '# '
    yield str((undefined(name='title') if l_0_title is missing else l_0_title))
    yield '\n'
    if environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'secrecy_marking'):
        pass
        yield '\n**'
        yield str(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'secret_document'))
        yield '** – '
        yield str(environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'secrecy_marking'))
        yield ' ('
        yield str(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'secrecy_marking'))
        yield ': julkisuuslain 25 §)\n'
    yield '\n> **Vastaus: '
    yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), str_join(('outcome.', (undefined(name='outcome') if l_0_outcome is missing else l_0_outcome), ))))
    yield '.**\n'
    if ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'must_share'):
        pass
        yield '> Luovuttajan on ilmoitettava tieto vastaanottajalle '
        yield str(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'notwithstanding_secrecy'))
        yield '. Noudata jäljempänä lueteltuja velvollisuuksia.\n'
    elif ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'may_share'):
        pass
        yield '> Luovuttaja saa luovuttaa tiedon vastaanottajalle, mutta luovutus ei ole pakollinen. Luovuta vain jäljempänä lueteltujen ehtojen mukaisesti.\n'
    elif ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'must_not_share'):
        pass
        yield '> Mikään säännös ei salli luovutusta, tai kielto menee luovutusperusteen edelle: tieto on pidettävä salassa.\n'
    else:
        pass
        yield '> '
        yield str(t_1(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), str_join(('reason.', (undefined(name='refer_reason') if l_0_refer_reason is missing else l_0_refer_reason), )))))
        yield '. Älä luovuta tietoa ennen kuin asia on selvitetty'
        if ((undefined(name='refer_reason') if l_0_refer_reason is missing else l_0_refer_reason) == 'missing_facts'):
            pass
            yield ' jäljempänä olevien kysymysten avulla'
        elif ((undefined(name='refer_reason') if l_0_refer_reason is missing else l_0_refer_reason) == 'conflict'):
            pass
            yield ' oikeudellisesti'
        yield '.\n'
    yield '\n- **Päivämäärä:** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'date') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n- **Diaarinumero:** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'case_ref') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n- **Organisaatio:** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'organisation') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n- **Päätöksentekijä (virka-asema):** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'decided_by') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n\n## Kysymys\n\n- **'
    yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'field.discloser'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'discloser'))
    yield '\n- **'
    yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'field.recipient'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'recipient'))
    yield '\n- **'
    yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'field.item'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'item'))
    yield '\n- **'
    yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'field.purpose'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'purpose'))
    yield '\n- **'
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'initiative_label'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'initiative'))
    yield '\n- **'
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'age_label'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'age'))
    yield '\n- **'
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'mature_label'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'mature'))
    yield '\n- **'
    yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'field.as_of'))
    yield ':** '
    yield str(environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'as_of'))
    yield '\n'
    if environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'facts'):
        pass
        yield '\nTiedossa olevat tosiseikat:\n\n'
        for (l_1_name, l_1_value) in environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'facts'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(l_1_name)
            yield ': '
            yield str(l_1_value)
            yield '\n'
        l_1_name = l_1_value = missing
    if environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'assumed_bills'):
        pass
        yield '\n**Vastaus olettaa hyväksytyksi laiksi seuraavat hallituksen esitykset: '
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'assumed_bills'), ', '))
        yield '. '
        yield str(t_1(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'government_proposal')))
        yield ' ei ole voimassa olevaa lakia.**\n'
        for l_1_text in (undefined(name='prominent_warnings') if l_0_prominent_warnings is missing else l_0_prominent_warnings):
            _loop_vars = {}
            pass
            yield '\n**'
            yield str(l_1_text)
            yield '**\n'
        l_1_text = missing
    yield '\n## '
    yield str((environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'heading.would_decide') if ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'refer') else 'Oikeudelliset perusteet'))
    yield '\n'
    if (not (undefined(name='grounds') if l_0_grounds is missing else l_0_grounds)):
        pass
        yield '\nMikään säännös ei koske tätä yhdistelmää.\n'
    for l_1_ground in (undefined(name='grounds') if l_0_grounds is missing else l_0_grounds):
        _loop_vars = {}
        pass
        yield '\n### '
        yield str(environment.getattr(l_1_ground, 'title'))
        yield '\n\n'
        yield str(environment.getattr(l_1_ground, 'explanation'))
        yield '\n\n'
        for l_2_c in environment.getattr(l_1_ground, 'citations'):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.getattr(l_2_c, 'cite'))
            yield '** – '
            yield str(environment.getattr(l_2_c, 'title'))
            yield '. '
            yield str(environment.getattr(l_2_c, 'paraphrase'))
            yield ' ['
            yield str(environment.getattr(l_2_c, 'site'))
            yield ']('
            yield str(environment.getattr(l_2_c, 'url'))
            yield ')'
            if (not environment.getattr(l_2_c, 'verified')):
                pass
                yield ' (*'
                yield str(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'unverified'))
                yield ': tarkista ajantasainen säädösteksti*)'
            yield '\n'
        l_2_c = missing
    l_1_ground = missing
    if (undefined(name='defeated') if l_0_defeated is missing else l_0_defeated):
        pass
        yield '\n## Miksi muut säännöt eivät ratkaisseet\n\n'
        for l_1_d in (undefined(name='defeated') if l_0_defeated is missing else l_0_defeated):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.getattr(l_1_d, 'rule'))
            yield '** – '
            yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'phrase.defeated_by', by=environment.getattr(l_1_d, 'by'), _loop_vars=_loop_vars))
            yield '.\n'
        l_1_d = missing
    if (undefined(name='obligations') if l_0_obligations is missing else l_0_obligations):
        pass
        yield '\n## '
        yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), str_join(('heading.obligations_', (undefined(name='outcome') if l_0_outcome is missing else l_0_outcome), ))))
        yield '\n\n'
        for l_1_text in (undefined(name='obligations') if l_0_obligations is missing else l_0_obligations):
            _loop_vars = {}
            pass
            yield '- '
            yield str(l_1_text)
            yield '\n'
        l_1_text = missing
    if (undefined(name='related_duties') if l_0_related_duties is missing else l_0_related_duties):
        pass
        yield '\n## Samoista tosiseikoista johtuvat muut velvollisuudet\n\n'
        for l_1_duty in (undefined(name='related_duties') if l_0_related_duties is missing else l_0_related_duties):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.getattr(l_1_duty, 'recipient'))
            yield ' – '
            yield str(environment.getattr(l_1_duty, 'purpose'))
            yield ':** '
            if environment.getattr(l_1_duty, 'certain'):
                pass
                yield 'ilmoitus on tehtävä.'
            else:
                pass
                yield 'ilmoitus on tehtävä, jos vastaus seuraaviin on myönteinen: '
                yield str(t_2(context.eval_ctx, environment.getattr(l_1_duty, 'questions'), ' '))
            yield ' Säännökset: '
            yield str(t_2(context.eval_ctx, environment.getattr(l_1_duty, 'citations'), '; '))
            yield '\n'
        l_1_duty = missing
    if (undefined(name='alternatives') if l_0_alternatives is missing else l_0_alternatives):
        pass
        yield '\n## Mikä muuttaisi vastauksen\n\n'
        for l_1_a in (undefined(name='alternatives') if l_0_alternatives is missing else l_0_alternatives):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.getattr(l_1_a, 'fact'))
            yield ': '
            yield str(environment.getattr(l_1_a, 'value'))
            yield ' → '
            yield str(environment.getattr(l_1_a, 'outcome'))
            yield '\n'
        l_1_a = missing
    if (undefined(name='questions') if l_0_questions is missing else l_0_questions):
        pass
        yield '\n## Avoimet kysymykset\n\n'
        for l_1_oq in (undefined(name='questions') if l_0_questions is missing else l_0_questions):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.getattr(l_1_oq, 'text'))
            yield ' Vastaus ratkaisee, sovelletaanko näitä sääntöjä: '
            yield str(t_2(context.eval_ctx, environment.getattr(l_1_oq, 'asked_by'), '; '))
            yield '.\n'
        l_1_oq = missing
    if (undefined(name='warnings') if l_0_warnings is missing else l_0_warnings):
        pass
        yield '\n## Varoitukset\n\n'
        for l_1_text in (undefined(name='warnings') if l_0_warnings is missing else l_0_warnings):
            _loop_vars = {}
            pass
            yield '- '
            yield str(l_1_text)
            yield '\n'
        l_1_text = missing
    yield '\n## Päätös ja sen kirjaaminen\n\n### Kuka päättää\n\n'
    for l_1_text in (undefined(name='who_decides') if l_0_who_decides is missing else l_0_who_decides):
        _loop_vars = {}
        pass
        yield str(l_1_text)
        yield '\n\n'
    l_1_text = missing
    if (undefined(name='informing') if l_0_informing is missing else l_0_informing):
        pass
        yield '### Rekisteröidylle ilmoittaminen\n\n'
        for l_1_text in (undefined(name='informing') if l_0_informing is missing else l_0_informing):
            _loop_vars = {}
            pass
            yield str(l_1_text)
            yield '\n\n'
        l_1_text = missing
    yield '### Päätöksen kirjaus\n\nKirjaa päätös myös silloin, kun tietoa ei luovuteta.\n\n- **Päätös:** ☐ tieto luovutetaan ☐ tietoa ei luovuteta ☐ asia siirretään ratkaistavaksi\n- **Luovutetut tai pyydetyt tiedot:** '
    yield str((undefined(name='blank') if l_0_blank is missing else l_0_blank))
    yield '\n- **Perustelu, jos päätös poikkeaa tämän muistion vastauksesta:** '
    yield str((undefined(name='blank') if l_0_blank is missing else l_0_blank))
    yield '\n- **Päivämäärä ja allekirjoitus:** '
    yield str((undefined(name='blank') if l_0_blank is missing else l_0_blank))
    yield '\n\n## Huomautus\n\nTämä muistio on päätöksenteon tukea eikä oikeudellinen ratkaisu. Päätöksen tekee ja siitä vastaa edellä kohdassa ”Kuka päättää” tarkoitettu päätöksentekijä.\n\n---\n\nSääntöaineisto '
    yield str(environment.getattr((undefined(name='ruleset') if l_0_ruleset is missing else l_0_ruleset), 'version'))
    yield ', '
    yield str(environment.getattr((undefined(name='ruleset') if l_0_ruleset is missing else l_0_ruleset), 'digest'))
    yield '. Sovellettu laki: '
    yield str((undefined(name='law_as_of') if l_0_law_as_of is missing else l_0_law_as_of))
    yield '.\n'

blocks = {}
debug_info = '1=43&2=47&3=49&5=52&8=59&9=61&10=64&11=66&13=69&16=75&19=85&20=87&21=89&22=91&26=93&27=97&28=101&29=105&30=109&31=113&32=117&33=121&34=125&38=128&39=132&42=137&44=140&45=144&47=148&51=152&52=154&56=157&58=161&60=163&62=165&63=169&67=187&71=190&72=194&75=199&77=202&79=204&80=208&83=211&87=214&88=218&91=233&95=236&96=240&99=247&103=250&104=254&107=259&111=262&112=266&120=270&121=273&124=276&127=279&128=282&137=286&138=288&139=290&147=292'
# Generated by `make templates` from templates/memo.fi.md.j2: do not edit.
