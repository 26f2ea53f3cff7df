from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'memo.sv.md.j2'

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
        yield ': 25 § i offentlighetslagen)\n'
    yield '\n> **Svar: '
    yield str(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), str_join(('outcome.', (undefined(name='outcome') if l_0_outcome is missing else l_0_outcome), ))))
    yield '.**\n'
    if ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'must_share'):
        pass
        yield '> Utlämnaren är skyldig att anmäla uppgiften till mottagaren '
        yield str(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'notwithstanding_secrecy'))
        yield '. Iaktta skyldigheterna nedan.\n'
    elif ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'may_share'):
        pass
        yield '> Utlämnaren får lämna ut uppgiften till mottagaren men är inte skyldig att göra det. Lämna ut uppgiften endast enligt villkoren nedan.\n'
    elif ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'must_not_share'):
        pass
        yield '> Ingen bestämmelse tillåter utlämnandet, eller ett förbud går före: uppgiften är sekretessbelagd.\n'
    else:
        pass
        yield '> '
        yield str(t_1(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), str_join(('reason.', (undefined(name='refer_reason') if l_0_refer_reason is missing else l_0_refer_reason), )))))
        yield '. Lämna inte ut uppgiften förrän saken har utretts'
        if ((undefined(name='refer_reason') if l_0_refer_reason is missing else l_0_refer_reason) == 'missing_facts'):
            pass
            yield ' med hjälp av frågorna nedan'
        elif ((undefined(name='refer_reason') if l_0_refer_reason is missing else l_0_refer_reason) == 'conflict'):
            pass
            yield ' juridiskt'
        yield '.\n'
    yield '\n- **Datum:** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'date') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n- **Diarienummer:** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'case_ref') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n- **Organisation:** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'organisation') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n- **Beslutsfattare (befattning):** '
    yield str((environment.getattr((undefined(name='filing') if l_0_filing is missing else l_0_filing), 'decided_by') or (undefined(name='blank') if l_0_blank is missing else l_0_blank)))
    yield '\n\n## Frågan\n\n- **'
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
        yield '\nKända omständigheter:\n\n'
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
        yield '\n**Svaret förutsätter att följande propositioner har antagits som lag: '
        yield str(t_2(context.eval_ctx, environment.getattr((undefined(name='question') if l_0_question is missing else l_0_question), 'assumed_bills'), ', '))
        yield '. En proposition är inte gällande lag.**\n'
        for l_1_text in (undefined(name='prominent_warnings') if l_0_prominent_warnings is missing else l_0_prominent_warnings):
            _loop_vars = {}
            pass
            yield '\n**'
            yield str(l_1_text)
            yield '**\n'
        l_1_text = missing
    yield '\n## '
    yield str((environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'heading.would_decide') if ((undefined(name='outcome') if l_0_outcome is missing else l_0_outcome) == 'refer') else 'Rättsliga grunder'))
    yield '\n'
    if (not (undefined(name='grounds') if l_0_grounds is missing else l_0_grounds)):
        pass
        yield '\nIngen bestämmelse gäller denna kombination.\n'
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
                yield ': kontrollera den uppdaterade författningstexten*)'
            yield '\n'
        l_2_c = missing
    l_1_ground = missing
    if (undefined(name='defeated') if l_0_defeated is missing else l_0_defeated):
        pass
        yield '\n## Varför andra regler inte avgjorde\n\n'
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
        yield '\n## Andra skyldigheter som följer av samma omständigheter\n\n'
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
                yield 'en anmälan ska göras.'
            else:
                pass
                yield 'en anmälan ska göras om svaret på följande är ja: '
                yield str(t_2(context.eval_ctx, environment.getattr(l_1_duty, 'questions'), ' '))
            yield ' Bestämmelser: '
            yield str(t_2(context.eval_ctx, environment.getattr(l_1_duty, 'citations'), '; '))
            yield '\n'
        l_1_duty = missing
    if (undefined(name='alternatives') if l_0_alternatives is missing else l_0_alternatives):
        pass
        yield '\n## Vad som skulle ändra svaret\n\n'
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
        yield '\n## Öppna frågor\n\n'
        for l_1_oq in (undefined(name='questions') if l_0_questions is missing else l_0_questions):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.getattr(l_1_oq, 'text'))
            yield ' Svaret avgör om följande regler tillämpas: '
            yield str(t_2(context.eval_ctx, environment.getattr(l_1_oq, 'asked_by'), '; '))
            yield '.\n'
        l_1_oq = missing
    if (undefined(name='warnings') if l_0_warnings is missing else l_0_warnings):
        pass
        yield '\n## Varningar\n\n'
        for l_1_text in (undefined(name='warnings') if l_0_warnings is missing else l_0_warnings):
            _loop_vars = {}
            pass
            yield '- '
            yield str(l_1_text)
            yield '\n'
        l_1_text = missing
    yield '\n## Beslutet och hur det antecknas\n\n### Vem som beslutar\n\n'
    for l_1_text in (undefined(name='who_decides') if l_0_who_decides is missing else l_0_who_decides):
        _loop_vars = {}
        pass
        yield str(l_1_text)
        yield '\n\n'
    l_1_text = missing
    if (undefined(name='informing') if l_0_informing is missing else l_0_informing):
        pass
        yield '### Information till den registrerade\n\n'
        for l_1_text in (undefined(name='informing') if l_0_informing is missing else l_0_informing):
            _loop_vars = {}
            pass
            yield str(l_1_text)
            yield '\n\n'
        l_1_text = missing
    yield '### Anteckning om beslutet\n\nAnteckna beslutet också när uppgiften inte lämnas ut.\n\n- **Beslut:** ☐ uppgiften lämnas ut ☐ uppgiften lämnas inte ut ☐ saken förs till avgörande\n- **Uppgifter som lämnats ut eller begärts:** '
    yield str((undefined(name='blank') if l_0_blank is missing else l_0_blank))
    yield '\n- **Motivering, om beslutet avviker från svaret i denna promemoria:** '
    yield str((undefined(name='blank') if l_0_blank is missing else l_0_blank))
    yield '\n- **Datum och underskrift:** '
    yield str((undefined(name='blank') if l_0_blank is missing else l_0_blank))
    yield '\n\n## Observera\n\nDenna promemoria är '
    yield str(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'decision_support'))
    yield ' och inget rättsligt avgörande. Beslutet fattas av den beslutsfattare som anges ovan under ”Vem som beslutar”, och han eller hon svarar för det.\n\n---\n\nRegelsamling '
    yield str(environment.getattr((undefined(name='ruleset') if l_0_ruleset is missing else l_0_ruleset), 'version'))
    yield ', '
    yield str(environment.getattr((undefined(name='ruleset') if l_0_ruleset is missing else l_0_ruleset), 'digest'))
    yield '. Tillämpad lag: '
    yield str((undefined(name='law_as_of') if l_0_law_as_of is missing else l_0_law_as_of))
    yield '.\n'

blocks = {}
debug_info = '1=43&2=47&3=49&5=52&8=59&9=61&10=64&11=66&13=69&16=75&19=85&20=87&21=89&22=91&26=93&27=97&28=101&29=105&30=109&31=113&32=117&33=121&34=125&38=128&39=132&42=137&44=140&45=142&47=146&51=150&52=152&56=155&58=159&60=161&62=163&63=167&67=185&71=188&72=192&75=197&77=200&79=202&80=206&83=209&87=212&88=216&91=231&95=234&96=238&99=245&103=248&104=252&107=257&111=260&112=264&120=268&121=271&124=274&127=277&128=280&137=284&138=286&139=288&143=290&147=292'
# Generated by `make templates` from templates/memo.sv.md.j2: do not edit.
